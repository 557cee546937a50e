package io.btm.core.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a pool's certificate as its {@link PoolTrust} says, and refuses it with an
 * {@link UntrustedCertificate} that says what is wrong: no chain to what is trusted, a certificate
 * for another host, or a fingerprint other than the pinned one. Only server checks: a pool client
 * never accepts clients.
 */
final class PoolCertificateCheck extends X509ExtendedTrustManager {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private final PoolTrust trust;
    /** The JDK's chain and host check for a trust store or a named CA; null when a fingerprint is pinned. */
    private final X509ExtendedTrustManager chainCheck;

    PoolCertificateCheck(PoolTrust trust, X509ExtendedTrustManager chainCheck) {
        this.trust = trust;
        this.chainCheck = chainCheck;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        X509Certificate leaf = chain[0];
        CertificateFingerprint seen = CertificateFingerprint.of(leaf);
        if (trust instanceof PoolTrust.Pinned pinned) {
            if (!seen.equals(pinned.fingerprint())) {
                throw new UntrustedCertificate("the pool's certificate has the SHA-256 fingerprint " + seen + ", not the pinned "
                        + pinned.fingerprint() + " (--tls-fingerprint): is this the pool you meant, or has its certificate changed?", null);
            }
            return;
        }
        // The chain alone first, so that a refusal can say whether the chain or the host name is at fault.
        try {
            chainCheck.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new UntrustedCertificate("the pool's certificate (" + leaf.getSubjectX500Principal().getName()
                    + ") is not trusted: " + chainFault(e) + "; name its CA with --tls-ca FILE, or pin it with --tls-fingerprint " + seen, e);
        }
        try {
            chainCheck.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw new UntrustedCertificate("the pool's certificate is for " + names(leaf) + ", not for "
                    + engine.getPeerHost() + ": connect by one of those names, or pin it with --tls-fingerprint " + seen, e);
        }
    }

    private String chainFault(CertificateException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "it has expired";
            }
            if (cause instanceof CertificateNotYetValidException) {
                return "it is not valid yet (is this machine's clock right?)";
            }
        }
        return "no chain from it leads to " + (trust instanceof PoolTrust.NamedCa ca ? "the CA in " + ca.file() : "the JDK's trust store");
    }

    /** The host names and addresses a certificate is for, or its subject where it lists none. */
    private static String names(X509Certificate certificate) {
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                String names = alternatives.stream().filter(name -> name.get(0) instanceof Integer type && (type == DNS_NAME || type == IP_ADDRESS))
                        .map(name -> String.valueOf(name.get(1))).collect(Collectors.joining(", "));
                if (!names.isEmpty()) {
                    return names;
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable list of names: fall back to the subject
        }
        return certificate.getSubjectX500Principal().getName();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("pool certificates are checked on Netty's SSLEngine only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("pool certificates are checked on Netty's SSLEngine only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a pool client accepts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a pool client accepts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a pool client accepts no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chainCheck == null ? new X509Certificate[0] : chainCheck.getAcceptedIssuers();
    }
}
