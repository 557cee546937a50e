package io.btm.core.tls;

import java.security.cert.CertificateException;

/** A pool certificate refused, with why in a user's words: the message the miner shows as it is. */
final class UntrustedCertificate extends CertificateException {
    UntrustedCertificate(String message, Throwable cause) {
        super(message, cause);
    }
}
