package io.btm.core.stratum;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of the BTM stratum protocol (stratum-btm.md): a request or notification (has a
 * method) or a reply (has a result or an error). Immutable; {@link #parse} and {@link #encode}
 * are the only JSON handling of the protocol, shared by the miner and the mock pool.
 *
 * @param id     the request id, echoed by its reply; null for notifications
 * @param method the method of a request or notification, or null for a reply
 * @param params the request's params, or null
 * @param result the reply's result, or null
 * @param error  the reply's error, or null
 */
public record StratumMessage(JsonNode id, String method, JsonNode params, JsonNode result, StratumError error) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public boolean isRequest() {
        return method != null;
    }

    public static StratumMessage request(long id, String method, JsonNode params) {
        return new StratumMessage(NODES.numberNode(id), method, params, null, null);
    }

    public static StratumMessage notification(String method, JsonNode params) {
        return new StratumMessage(null, method, params, null, null);
    }

    public static StratumMessage reply(JsonNode id, JsonNode result) {
        return new StratumMessage(id, null, null, result, null);
    }

    public static StratumMessage error(JsonNode id, StratumError error) {
        return new StratumMessage(id, null, null, null, error);
    }

    /** {@code {"status":"OK"}}, the usual success result. */
    public static ObjectNode statusOk() {
        return NODES.objectNode().put("status", "OK");
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Parses one line; an {@link IllegalArgumentException} says what is wrong with it. */
    public static StratumMessage parse(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        JsonNode id = root.get("id");
        id = id == null || id.isNull() ? null : id;
        JsonNode method = root.get("method");
        if (method != null && !method.isNull()) {
            if (!method.isTextual()) {
                throw new IllegalArgumentException("method: expected a string");
            }
            return new StratumMessage(id, method.asText(), root.get("params"), null, null);
        }
        JsonNode errorNode = root.get("error");
        StratumError error = null;
        if (errorNode != null && !errorNode.isNull()) {
            error = new StratumError(errorNode.path("code").asInt(0),
                    errorNode.isTextual() ? errorNode.asText() : errorNode.path("message").asText(""));
        }
        JsonNode result = root.get("result");
        if (result == null && error == null) {
            throw new IllegalArgumentException("neither a method, a result nor an error");
        }
        return new StratumMessage(id, null, null, result == null || result.isNull() ? null : result, error);
    }

    /** One line of JSON, without the newline. */
    public String encode() {
        ObjectNode root = NODES.objectNode();
        if (method != null) {
            if (id != null) {
                root.set("id", id);
            } else {
                root.put("jsonrpc", "2.0");
            }
            root.put("method", method);
            root.set("params", params == null ? NullNode.getInstance() : params);
        } else {
            root.set("id", id == null ? NullNode.getInstance() : id);
            root.put("jsonrpc", "2.0");
            root.set("result", result == null ? NullNode.getInstance() : result);
            if (error == null) {
                root.putNull("error");
            } else {
                root.putObject("error").put("code", error.code()).put("message", error.message());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a reply means success in any dialect: {@code {"status":"OK"}}, {@code true}, or a result without an error. */
    public boolean isSuccess() {
        if (error != null || result == null) {
            return false;
        }
        if (result.isBoolean()) {
            return result.asBoolean();
        }
        JsonNode status = result.get("status");
        return status == null || "OK".equalsIgnoreCase(status.asText());
    }
}
