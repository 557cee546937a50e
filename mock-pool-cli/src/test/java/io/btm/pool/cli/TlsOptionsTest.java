package io.btm.pool.cli;

import io.btm.core.tls.CertificateFingerprint;
import io.btm.core.tls.PoolTrust;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mock-pool --tls}: the certificate served, its fingerprint printed, and the options' mistakes named. */
class TlsOptionsTest {
    private static final Pattern PORTS = Pattern.compile("stratum port (\\d+) control port (\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("TLS \\(stratum\\+ssl://\\) certificate SHA-256 fingerprint ([0-9a-f]{64})");

    @TempDir
    Path dir;

    /** A started pool process: its stratum port and the fingerprint it printed. */
    private record Started(Process process, int port, CertificateFingerprint fingerprint) {
    }

    private Started start(String... tlsOptions) throws Exception {
        String[] command = {Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                MockPoolCli.class.getName(), "--stratum-port", "0", "--control-port", "0"};
        String[] all = new String[command.length + tlsOptions.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(tlsOptions, 0, all, command.length, tlsOptions.length);
        Process pool = new ProcessBuilder(all).redirectError(dir.resolve("pool.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
        Matcher ports = PORTS.matcher("");
        Matcher fingerprint = FINGERPRINT.matcher("");
        int port = -1;
        boolean printed = false;
        // Logging's own start-up lines may come first; the ports come before the fingerprint.
        String line;
        while (!printed && (line = out.readLine()) != null) {
            if (ports.reset(line).find()) {
                port = Integer.parseInt(ports.group(1));
            }
            printed = fingerprint.reset(line).find();
        }
        assertThat(printed).as("no fingerprint printed: %s", Files.readString(dir.resolve("pool.err"))).isTrue();
        return new Started(pool, port, new CertificateFingerprint(fingerprint.group(1)));
    }

    @Test
    void aSelfSignedCertificateIsMadeServedAndPrinted() throws Exception {
        Path certificate = dir.resolve("pool.pem");
        Started pool = start("--tls", "--tls-cert-out", certificate.toString());
        try {
            X509Certificate written = PoolTrust.NamedCa.read(certificate).certificates().get(0);
            assertThat(pool.fingerprint()).isEqualTo(CertificateFingerprint.of(written));
            assertThat(loginOverTls(pool.port(), written)).contains("\"job\"");
        } finally {
            pool.process().destroy();
        }
    }

    @Test
    void aGivenCertificateAndKeyAreServed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minus(Duration.ofHours(1))), Date.from(Instant.now().plus(Duration.ofDays(1))), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        Path certFile = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Path keyFile = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Started pool = start("--tls", "--tls-cert", certFile.toString(), "--tls-key", keyFile.toString());
        try {
            assertThat(pool.fingerprint()).isEqualTo(CertificateFingerprint.of(certificate));
            assertThat(loginOverTls(pool.port(), certificate)).contains("\"job\"");
        } finally {
            pool.process().destroy();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Logs in over TLS, trusting only {@code certificate}, and returns the pool's first line. */
    private static String loginOverTls(int port, X509Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("pool", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"t.1\",\"pass\":\"x\",\"agent\":\"t\"}}\n"
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static String error(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = MockPoolCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).isEqualTo(MockPoolCli.EXIT_USER_ERROR);
        return err.toString().strip();
    }

    @Test
    void mistakesAreNamedBeforeAnythingStarts() {
        assertThat(error("--tls-cert", "c.pem", "--stratum-port", "0", "--control-port", "0"))
                .isEqualTo("error: --tls-cert, --tls-key and --tls-cert-out need --tls");
        assertThat(error("--tls", "--tls-cert", "c.pem", "--stratum-port", "0", "--control-port", "0"))
                .isEqualTo("error: --tls-cert and --tls-key: give both, or neither for a self-signed certificate");
        Path missing = dir.resolve("missing.pem");
        assertThat(error("--tls", "--tls-cert", missing.toString(), "--tls-key", missing.toString(), "--stratum-port", "0", "--control-port", "0"))
                .startsWith("error: --tls-cert " + missing + ": cannot read a PEM certificate");
    }
}
