package io.btm.pool.internal.stratum;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The params of a submit as the miner sent them: {@code {"id","job_id","nonce","result"}}. Absent
 * or non-text fields are null; judging them is the pool's business, not the protocol's.
 *
 * @param workerId the worker id the submit names
 * @param result   the Tensority result the miner claims, or null
 */
public record SubmitParams(String workerId, String jobId, String nonce, String result) {

    /** Reads the params object; null when params is not an object at all. */
    public static SubmitParams from(JsonNode params) {
        if (params == null || !params.isObject()) {
            return null;
        }
        return new SubmitParams(text(params, "id"), text(params, "job_id"), text(params, "nonce"), text(params, "result"));
    }

    private static String text(JsonNode params, String field) {
        JsonNode value = params.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
