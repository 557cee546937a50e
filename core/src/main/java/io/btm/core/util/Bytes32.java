package io.btm.core.util;

import java.util.Arrays;

/** An immutable 32-byte value (hash, seed, merkle root), written as 64 hex digits in byte order. */
public final class Bytes32 {
    public static final Bytes32 ZERO = new Bytes32(new byte[32]);

    private final byte[] bytes;

    private Bytes32(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Bytes32 of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
        }
        return new Bytes32(bytes.clone());
    }

    public static Bytes32 fromHex(String field, String hex) {
        return new Bytes32(Hex.decode(field, hex, 32));
    }

    public byte[] toArray() {
        return bytes.clone();
    }

    /** Copies the 32 bytes into out at offset, without an intermediate array. */
    public void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, 32);
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes32 that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
