package io.btm.pool.cli;

import io.btm.pool.tls.ServerTls;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pool side's TLS options, the same for the mock pool, verify-miner and record. */
final class ServerTlsOptions {
    @Option(names = "--tls", description = "Serve TLS: miners connect with stratum+ssl://. A self-signed certificate is made at start "
            + "unless --tls-cert and --tls-key are given; its SHA-256 fingerprint is printed (for the miner's --tls-fingerprint).")
    boolean tls;
    @Option(names = "--tls-cert", paramLabel = "FILE", description = "With --tls: the certificate chain to serve, PEM, the pool's certificate first.")
    Path certificate;
    @Option(names = "--tls-key", paramLabel = "FILE", description = "With --tls: the private key of --tls-cert, PEM.")
    Path key;
    @Option(names = "--tls-cert-out", paramLabel = "FILE",
            description = "With --tls: write the certificate served, PEM, to this file (for the miner's --tls-ca).")
    Path certificateOut;

    /** The TLS to serve on a port listening on {@code host}, or null without --tls; every option checked first. */
    ServerTls serverTls(String host) {
        if (!tls) {
            if (certificate != null || key != null || certificateOut != null) {
                throw new IllegalArgumentException("--tls-cert, --tls-key and --tls-cert-out need --tls");
            }
            return null;
        }
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key: give both, or neither for a self-signed certificate");
        }
        ServerTls served = certificate == null ? ServerTls.selfSigned(host) : ServerTls.fromPem(certificate, key);
        if (certificateOut != null) {
            try {
                Files.writeString(certificateOut, served.certificatePem(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalArgumentException("--tls-cert-out " + certificateOut + ": cannot write (" + e.getMessage() + ")");
            }
        }
        return served;
    }
}
