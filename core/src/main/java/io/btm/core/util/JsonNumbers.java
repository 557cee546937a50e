package io.btm.core.util;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;

/** Reading the chain's unsigned 64-bit numbers from JSON, where values past 2^63 arrive as big integers. */
public final class JsonNumbers {
    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private JsonNumbers() {
    }

    /** The field as an unsigned 64-bit value (Java's long bits), or an error that names the field. */
    public static long uint64(JsonNode node, String field, String label) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(label + ": expected an unsigned 64-bit integer");
        }
        BigInteger big = value.bigIntegerValue();
        if (big.signum() < 0 || big.compareTo(UINT64_LIMIT) >= 0) {
            throw new IllegalArgumentException(label + ": out of the unsigned 64-bit range: " + big);
        }
        return big.longValue();
    }

    /** A long read as unsigned, for writing back as a JSON number. */
    public static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
