package io.btm.pool.internal.control;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;

/** Reading a control request's JSON body strictly: every error names the field and what was wrong. */
final class Body {
    /** The highest height a job may be given: the next block's must still fit a signed long. */
    static final long MAX_HEIGHT = Long.MAX_VALUE - 1;

    private Body() {
    }

    /** Refuses a field this request does not know: a typo must not pass as a request that did nothing. */
    static void onlyKeys(JsonNode body, String... known) {
        List<String> allowed = List.of(known);
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    static boolean flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + ": expected true or false, got " + value);
        }
        return value.asBoolean();
    }

    /** A whole number from 0 up to {@link Integer#MAX_VALUE}. */
    static int count(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new IllegalArgumentException(field + ": expected a whole number from 0, got " + value);
        }
        return value.asInt();
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string, got " + value);
        }
        return value.asText();
    }

    /** An unsigned 64-bit value, or null when absent. */
    static Long uint64(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0 || value.bigIntegerValue().bitLength() > 64) {
            throw new IllegalArgumentException(field + ": expected an unsigned 64-bit integer, got " + value);
        }
        return value.bigIntegerValue().longValue();
    }

    /** A block height from 0 to {@link #MAX_HEIGHT}, or null when absent. */
    static Long height(JsonNode body) {
        JsonNode value = body.get("height");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0
                || value.bigIntegerValue().compareTo(BigInteger.valueOf(MAX_HEIGHT)) > 0) {
            throw new IllegalArgumentException("height: expected a whole number from 0 to " + MAX_HEIGHT + ", got " + value);
        }
        return value.asLong();
    }
}
