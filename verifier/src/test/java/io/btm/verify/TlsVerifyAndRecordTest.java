package io.btm.verify;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.tls.PoolTrust;
import io.btm.pool.MockPool;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.tls.ServerTls;
import io.btm.pool.trace.TraceLine;
import io.btm.verify.fake.FakeMiner;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.ScenarioResult;
import io.btm.verify.model.VerificationReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** verify-miner's pools and the recording proxy serve TLS: {url} is stratum+ssl://, and the trace is plain text. */
class TlsVerifyAndRecordTest {
    private static final ServerTls POOL_CERTIFICATE = ServerTls.selfSigned("127.0.0.1");

    @TempDir
    Path dir;

    private static MinerCommand fakeOnTls() {
        return MinerCommand.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), FakeMiner.class.getName(), "honest", "{url}", "{user}", "{fingerprint}");
    }

    @Test
    @Tag("slow")
    void aMinerPinningThePoolsFingerprintIsJudgedOverTls() {
        // Difficulty 2: the fake hashes with the reference on the CPU, a share in two hashes.
        VerificationReport report = MinerVerifier.of(fakeOnTls()).tls(POOL_CERTIFICATE).difficulty(BigInteger.TWO)
                .scenarios(List.of(Scenario.PROTOCOL, Scenario.SHARES)).run();
        assertThat(report.results()).as(report.summary()).extracting(ScenarioResult::outcome)
                .containsExactly(ScenarioResult.Outcome.PASS, ScenarioResult.Outcome.PASS);
    }

    @Test
    void theFingerprintPlaceholderNeedsTlsAndTheReplayPlainTcp() throws Exception {
        Path recorded = Files.createFile(dir.resolve("recorded.jsonl"));
        assertThatThrownBy(() -> MinerVerifier.of(fakeOnTls()).scenarios(List.of(Scenario.PROTOCOL)).run())
                .hasMessage("miner command: {fingerprint} is the pools' certificate, and needs --tls");
        assertThatThrownBy(() -> MinerVerifier.of(fakeOnTls()).tls(POOL_CERTIFICATE).scenarios(List.of(Scenario.REPLAY))
                .replay(recorded).run())
                .hasMessage("scenario replay: plays a session over plain TCP only; run it without --tls");
    }

    @Test
    void theProxyServesTlsToTheMinerAndPinsTheTlsPool() throws Exception {
        ServerTls proxyCertificate = ServerTls.selfSigned("127.0.0.1");
        Path trace = dir.resolve("session.jsonl");
        try (MockPool pool = MockPool.start(PoolConfig.builder().tls(POOL_CERTIFICATE).target(ShareTarget.parseHex("ffffffff")).build());
             RecordingProxy proxy = RecordingProxy.start("127.0.0.1", 0, proxyCertificate, "stratum+ssl://127.0.0.1:" + pool.stratumPort(),
                     new PoolTrust.Pinned(POOL_CERTIFICATE.fingerprint()), trace);
             SSLSocket miner = (SSLSocket) trusting(proxyCertificate).getSocketFactory().createSocket("127.0.0.1", proxy.port())) {
            miner.setSoTimeout(10_000);
            miner.getOutputStream().write("{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"r.1\",\"pass\":\"x\",\"agent\":\"t\"}}\n"
                    .getBytes(StandardCharsets.UTF_8));
            miner.getOutputStream().flush();
            String reply = new BufferedReader(new InputStreamReader(miner.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(reply).contains("\"job\"");
            assertThat(miner.getSession().getPeerCertificates()[0].getEncoded()).isEqualTo(certificate(proxyCertificate).getEncoded());
        }
        List<TraceLine> lines = TraceLine.read(trace);
        assertThat(lines).filteredOn(TraceLine::incoming).singleElement().satisfies(l -> assertThat(l.data()).contains("\"method\":\"login\""));
        assertThat(lines).filteredOn(l -> !l.incoming()).first().satisfies(l -> assertThat(l.data()).contains("\"job\""));
    }

    private static X509Certificate certificate(ServerTls tls) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(tls.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    }

    /** A JDK TLS client that trusts only the given certificate (and checks no host name: a plain SSLSocket does not). */
    private static SSLContext trusting(ServerTls tls) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("proxy", certificate(tls));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
