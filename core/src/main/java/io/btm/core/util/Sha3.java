package io.btm.core.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** FIPS-202 SHA3-256 (not legacy Keccak), one digest per thread so hashing never contends. */
public final class Sha3 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA3-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA3-256", e);
        }
    });

    private Sha3() {
    }

    public static byte[] sha256(byte[] data) {
        return DIGEST.get().digest(data);
    }

    public static byte[] sha256(byte[] data, int offset, int length) {
        MessageDigest digest = DIGEST.get();
        digest.update(data, offset, length);
        return digest.digest();
    }

    public static byte[] sha256(byte[] first, byte[] second) {
        MessageDigest digest = DIGEST.get();
        digest.update(first);
        digest.update(second);
        return digest.digest();
    }
}
