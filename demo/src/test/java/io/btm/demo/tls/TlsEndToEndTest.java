package io.btm.demo.tls;

import io.btm.core.stratum.Job;
import io.btm.core.tls.CertificateFingerprint;
import io.btm.core.tls.PoolTrust;
import io.btm.miner.net.ClientSettings;
import io.btm.miner.net.PoolClient;
import io.btm.miner.net.PoolEndpoint;
import io.btm.pool.MockPool;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.tls.ServerTls;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stratum+ssl:// on loopback, the miner's pool client against the mock pool: each way to trust the
 * pool's certificate, and each way it fails, with what the miner says.
 */
class TlsEndToEndTest {
    private static final ServerTls POOL_CERTIFICATE = ServerTls.selfSigned("127.0.0.1");
    private static MockPool tlsPool;
    private static MockPool plainPool;

    @TempDir
    static Path files;

    @BeforeAll
    static void startPools() {
        tlsPool = MockPool.start(PoolConfig.builder().tls(POOL_CERTIFICATE).build());
        plainPool = MockPool.start(PoolConfig.builder().build());
    }

    @AfterAll
    static void stopPools() {
        tlsPool.close();
        plainPool.close();
    }

    private static String tlsUrl() {
        return "stratum+ssl://127.0.0.1:" + tlsPool.stratumPort();
    }

    @Test
    void aPinnedFingerprintMinesOnTheTlsPool() throws Exception {
        // The job answers the login: the pool read it through TLS.
        assertThat(outcome(tlsUrl(), new PoolTrust.Pinned(POOL_CERTIFICATE.fingerprint()))).startsWith("job ");
    }

    @Test
    void aFingerprintIsTakenAsOpensslPrintsIt() {
        String openssl = POOL_CERTIFICATE.fingerprint().hex().toUpperCase().replaceAll("(..)(?!$)", "$1:");
        assertThat(CertificateFingerprint.parse(openssl)).isEqualTo(POOL_CERTIFICATE.fingerprint());
    }

    @Test
    void theSelfSignedCertificateNamedAsCaMinesOnTheTlsPool() throws Exception {
        assertThat(outcome(tlsUrl(), PoolTrust.NamedCa.read(pem("pool.pem", POOL_CERTIFICATE)))).startsWith("job ");
    }

    @Test
    void theJdkTrustStoreRefusesASelfSignedPool() throws Exception {
        assertThat(outcome(tlsUrl(), new PoolTrust.JdkTrustStore())).isEqualTo("failed: the pool's certificate (CN=BTM mock pool)"
                + " is not trusted: no chain from it leads to the JDK's trust store;"
                + " name its CA with --tls-ca FILE, or pin it with --tls-fingerprint " + POOL_CERTIFICATE.fingerprint());
    }

    @Test
    void aCaThatDidNotSignThePoolsCertificateRefusesIt() throws Exception {
        Path otherCa = pem("other.pem", ServerTls.selfSigned("127.0.0.1"));
        assertThat(outcome(tlsUrl(), PoolTrust.NamedCa.read(otherCa)))
                .isEqualTo("failed: the pool's certificate (CN=BTM mock pool)"
                        + " is not trusted: no chain from it leads to the CA in " + otherCa + ";"
                        + " name its CA with --tls-ca FILE, or pin it with --tls-fingerprint " + POOL_CERTIFICATE.fingerprint());
    }

    @Test
    void aWrongFingerprintIsRefused() throws Exception {
        CertificateFingerprint wrong = CertificateFingerprint.parse("ab".repeat(32));
        assertThat(outcome(tlsUrl(), new PoolTrust.Pinned(wrong))).isEqualTo("failed: the pool's certificate has the SHA-256 fingerprint "
                + POOL_CERTIFICATE.fingerprint() + ", not the pinned " + wrong
                + " (--tls-fingerprint): is this the pool you meant, or has its certificate changed?");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenFromTheNamedCa() throws Exception {
        // 127.0.0.2 is loopback too on Linux, but the certificate names only localhost, 127.0.0.1 and ::1.
        try (MockPool elsewhere = MockPool.start(PoolConfig.builder().host("127.0.0.2").tls(POOL_CERTIFICATE).build())) {
            assertThat(outcome("stratum+ssl://127.0.0.2:" + elsewhere.stratumPort(), PoolTrust.NamedCa.read(pem("pool.pem", POOL_CERTIFICATE))))
                    .isEqualTo("failed: the pool's certificate is for localhost, 127.0.0.1, 0:0:0:0:0:0:0:1, not for 127.0.0.2: connect by one of those names,"
                            + " or pin it with --tls-fingerprint " + POOL_CERTIFICATE.fingerprint());
        }
    }

    @Test
    void aPlainPoolOnATlsUrlIsNamed() throws Exception {
        assertThat(outcome("stratum+ssl://127.0.0.1:" + plainPool.stratumPort(), new PoolTrust.JdkTrustStore()))
                .isEqualTo("failed: the pool closed the connection during the TLS handshake: if this is a plain stratum port,"
                        + " connect with stratum+tcp://");
    }

    @Test
    void aTlsPoolOnAPlainUrlIsNamed() throws Exception {
        assertThat(outcome("stratum+tcp://127.0.0.1:" + tlsPool.stratumPort(), new PoolTrust.JdkTrustStore()))
                .isEqualTo("failed: connection closed before the first job right after the login, without a word: the pool may refuse"
                        + " this login, or have banned this worker; or this port speaks TLS, then connect with stratum+ssl://127.0.0.1:"
                        + tlsPool.stratumPort());
    }

    @Test
    void aCertificateSignedByTheNamedCaMinesAndAnExpiredOneIsRefused() throws Exception {
        KeyPair caKeys = keys();
        X500Name caName = new X500Name("CN=BTM test CA");
        X509CertificateHolder ca = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, daysFromNow(-1), daysFromNow(1), caName,
                caKeys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), caKeys);
        Path caFile = Files.writeString(files.resolve("ca.pem"), pem("CERTIFICATE", ca.getEncoded()));
        try (MockPool signed = MockPool.start(PoolConfig.builder().tls(poolSignedBy(caKeys, caName, daysFromNow(-1), daysFromNow(1))).build())) {
            assertThat(outcome("stratum+ssl://127.0.0.1:" + signed.stratumPort(), PoolTrust.NamedCa.read(caFile))).startsWith("job ");
        }
        try (MockPool expired = MockPool.start(PoolConfig.builder().tls(poolSignedBy(caKeys, caName, daysFromNow(-3), daysFromNow(-2))).build())) {
            assertThat(outcome("stratum+ssl://127.0.0.1:" + expired.stratumPort(), PoolTrust.NamedCa.read(caFile)))
                    .startsWith("failed: the pool's certificate (CN=pool signed by the CA) is not trusted: it has expired;"
                            + " name its CA with --tls-ca FILE, or pin it with --tls-fingerprint ");
        }
    }

    /** A pool certificate for 127.0.0.1 signed by the CA, with its own key, served from PEM files as --tls-cert and --tls-key take them. */
    private static ServerTls poolSignedBy(KeyPair caKeys, X500Name caName, Date from, Date until) throws Exception {
        KeyPair poolKeys = keys();
        X509CertificateHolder certificate = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(System.nanoTime()), from, until,
                new X500Name("CN=pool signed by the CA"), poolKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1"))), caKeys);
        Path chain = Files.writeString(files.resolve("chain-" + certificate.getSerialNumber() + ".pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Path key = Files.writeString(files.resolve("key-" + certificate.getSerialNumber() + ".pem"), pem("PRIVATE KEY", poolKeys.getPrivate().getEncoded()));
        return ServerTls.fromPem(chain, key);
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509CertificateHolder sign(X509v3CertificateBuilder certificate, KeyPair signer) throws Exception {
        return certificate.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));
    }

    private static Date daysFromNow(int days) {
        return Date.from(Instant.now().plus(Duration.ofDays(days)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static Path pem(String name, ServerTls certificate) throws Exception {
        return Files.writeString(files.resolve(name), certificate.certificatePem());
    }

    /** What one connection of the miner's pool client came to: {@code job …}, or {@code failed: } and what the miner logged. */
    private static String outcome(String url, PoolTrust trust) throws InterruptedException {
        BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
        PoolClient client = new PoolClient(List.of(PoolEndpoint.parse(url, "tls.rig", "x")),
                ClientSettings.defaults().withTls(trust).withRetries(1, Duration.ofMinutes(1)), new PoolClient.Listener() {
                    @Override
                    public void job(Job job, PoolEndpoint from) {
                        outcomes.add("job " + job.jobId());
                    }

                    @Override
                    public void connected(PoolEndpoint pool) {
                    }

                    @Override
                    public void disconnected(PoolEndpoint pool, String why) {
                        outcomes.add("disconnected: " + why);
                    }

                    @Override
                    public void connectFailed(PoolEndpoint pool, String why) {
                        outcomes.add("failed: " + why);
                    }
                });
        try {
            client.start();
            String first = outcomes.poll(30, TimeUnit.SECONDS);
            assertThat(first).as("what came of connecting to " + url).isNotNull();
            return first;
        } finally {
            client.close();
        }
    }
}
