package io.btm.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Which pool certificates a client accepts on a {@code stratum+ssl://} connection. Immutable. */
public sealed interface PoolTrust {

    /** Any certificate the JDK's trust store vouches for, for the host the URL names. */
    record JdkTrustStore() implements PoolTrust {
    }

    /** Certificates signed by the CA certificates in a PEM file (a self-signed pool certificate is its own CA), for the host the URL names. */
    record NamedCa(Path file, List<X509Certificate> certificates) implements PoolTrust {
        public NamedCa {
            certificates = List.copyOf(certificates);
        }

        /** @throws IllegalArgumentException naming the file where it cannot be read or holds no certificate */
        public static NamedCa read(Path file) {
            List<X509Certificate> certificates;
            try (InputStream in = Files.newInputStream(file)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                        .map(X509Certificate.class::cast).toList();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("--tls-ca " + file + ": cannot read a PEM certificate (" + e.getMessage() + ")");
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("--tls-ca " + file + ": holds no certificate");
            }
            return new NamedCa(file, certificates);
        }
    }

    /** Exactly one certificate, whoever signed it and whatever host it names: xmrig's {@code --tls-fingerprint}. */
    record Pinned(CertificateFingerprint fingerprint) implements PoolTrust {
    }
}
