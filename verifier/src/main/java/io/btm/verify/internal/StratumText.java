package io.btm.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Reading the stratum messages of a trace, where a line may be anything a pool or miner sent. */
final class StratumText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StratumText() {
    }

    /** The message as a JSON object, or null where it is not one. */
    static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The job a pool's message carries, a notification's params or a login answer's, or null where it carries none. */
    static JsonNode job(JsonNode message) {
        JsonNode job = "job".equals(message.path("method").asText()) ? message.get("params") : message.path("result").path("job");
        return job != null && job.isObject() ? job : null;
    }
}
