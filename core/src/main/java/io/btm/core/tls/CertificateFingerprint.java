package io.btm.core.tls;

import io.btm.core.util.Hex;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * The SHA-256 of a certificate's DER encoding, as lowercase hex without separators: what the mock
 * pool prints at start and what {@code --tls-fingerprint} takes (xmrig's form). Immutable.
 */
public record CertificateFingerprint(String hex) {
    private static final int SHA256_HEX_DIGITS = 64;

    public CertificateFingerprint {
        if (hex.length() != SHA256_HEX_DIGITS || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0) || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("fingerprint " + hex + ": expected 64 lowercase hex digits");
        }
    }

    /**
     * A fingerprint as a user writes it: 64 hex digits in either case, with or without the colons
     * that {@code openssl x509 -fingerprint -sha256} puts between bytes.
     */
    public static CertificateFingerprint parse(String text) {
        String digits = text.strip().replace(":", "").toLowerCase(Locale.ROOT);
        Hex.decode("--tls-fingerprint " + text, digits, SHA256_HEX_DIGITS / 2);
        return new CertificateFingerprint(digits);
    }

    public static CertificateFingerprint of(X509Certificate certificate) {
        try {
            return new CertificateFingerprint(Hex.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 of a certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
