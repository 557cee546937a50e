package io.btm.core.stratum;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of the BTM stratum protocol (docs/stratum-btm.md): a request or notification (has a
 * method) or a reply (has a result or an error). Immutable; {@link #parse} and {@link #encode}
 * are the only JSON handling of the protocol, shared by the miner and the mock pool.
 *
 * @param id     the request id, echoed by its reply; null for notifications
 * @param method the method of a request or notification, or null for a reply
 * @param params the request's params, or null
 * @param result the reply's result, or null
 * @param error  the reply's error, or null
 */
public record StratumMessage(JsonNode id, String method, JsonNode params, JsonNode result, StratumError error)
        implements StratumFrame {
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
        StratumError error = error(root.get("error"));
        JsonNode result = root.get("result");
        if (result == null && error == null) {
            throw new IllegalArgumentException("neither a method, a result nor an error");
        }
        return new StratumMessage(id, null, null, result == null || result.isNull() ? null : result, error);
    }

    /**
     * An error in any form pools send: an object with code and message, a JSON-RPC 1 array
     * {@code [code, message, data]} (btc.com), or a bare message; null for none.
     */
    private static StratumError error(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return StratumError.array(node.path(0).asInt(0), node.path(1).asText(""));
        }
        if (node.isTextual()) {
            return new StratumError(0, node.asText());
        }
        return new StratumError(node.path("code").asInt(0), node.path("message").asText(""));
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
            if (error == null || !error.array()) {
                root.put("jsonrpc", "2.0");
            }
            root.set("result", result == null ? NullNode.getInstance() : result);
            if (error == null) {
                root.putNull("error");
            } else if (error.array()) {
                // JSON-RPC 1, as btc.com's pool writes it: no version field, the error as [code, message, null].
                root.putArray("error").add(error.code()).add(error.message()).addNull();
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
