package io.btm.core.util;

import java.util.HexFormat;

/** Hex encoding with errors that name the field at fault. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** Decodes any even-length hex string. */
    public static byte[] decode(String field, String hex) {
        if (hex == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException(field + ": odd number of hex digits (" + hex.length() + ")");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException(field + ": not hex at position " + i + " ('" + hex.charAt(i) + "')");
            }
        }
        return FORMAT.parseHex(hex);
    }

    /** Decodes hex that must hold exactly {@code length} bytes. */
    public static byte[] decode(String field, String hex, int length) {
        byte[] bytes = decode(field, hex);
        if (bytes.length != length) {
            throw new IllegalArgumentException(
                    field + ": expected " + length + " bytes (" + 2 * length + " hex digits), got " + hex.length() + " digits");
        }
        return bytes;
    }

    /** Reads 8 bytes of little-endian hex, the stratum encoding of version, height, timestamp, bits and nonce. */
    public static long decodeLittleEndian64(String field, String hex) {
        byte[] bytes = decode(field, hex, 8);
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    public static String encodeLittleEndian64(long value) {
        byte[] bytes = new byte[8];
        Bytes.putLongLE(bytes, 0, value);
        return encode(bytes);
    }
}
