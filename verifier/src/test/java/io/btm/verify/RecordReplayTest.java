package io.btm.verify;

import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.MockPool;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.trace.TraceLine;
import io.btm.verify.fake.FakeMiner;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.VerificationReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The recording proxy between a miner and a pool (the mock pool stands in for a real one), and the replay of what it recorded. */
class RecordReplayTest {
    @TempDir
    Path dir;

    @Test
    void theProxyRelaysBothWaysAndTracesEveryMessage() throws Exception {
        Path trace = dir.resolve("session.jsonl");
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(Dialect.BTCPOOL).target(ShareTarget.parseHex("ffffffff")).build());
             RecordingProxy proxy = RecordingProxy.start("127.0.0.1", 0, "stratum+tcp://127.0.0.1:" + pool.stratumPort(), trace);
             Socket miner = new Socket("127.0.0.1", proxy.port())) {
            OutputStream out = miner.getOutputStream();
            out.write("{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"r.1\",\"pass\":\"x\",\"agent\":\"t\"}}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // btc.com's two replies, relayed unchanged: a status, then the job under id 1 with no newline after it
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[4096];
            miner.setSoTimeout(10_000);
            while (!received.toString().contains("\"target\"")) {
                int n = miner.getInputStream().read(buffer);
                assertThat(n).as("relayed so far: %s", received).isPositive();
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(received.toString()).startsWith("{\"id\":1,").contains("\"status\":\"OK\"").endsWith("}");
        }
        List<TraceLine> lines = TraceLine.read(trace);
        assertThat(lines).filteredOn(TraceLine::incoming).singleElement().satisfies(l -> assertThat(l.data()).contains("\"method\":\"login\""));
        // btc.com's job comes in a second reply without a newline: framed as a message of its own all the same
        assertThat(lines).filteredOn(l -> !l.incoming()).hasSize(2).allSatisfy(l -> assertThat(l.data()).startsWith("{").endsWith("}"));
    }

    private static MinerCommand fake(String mode, String url) {
        return MinerCommand.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), FakeMiner.class.getName(), mode, url, "{user}");
    }

    @Test
    @Tag("slow")
    void aRecordedSessionReplaysAndJudgesTheMinerAsThePoolDid() throws Exception {
        Path trace = dir.resolve("recorded.jsonl");
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(Dialect.BTMCPOOL).difficulty(BigInteger.TWO).build());
             RecordingProxy proxy = RecordingProxy.start("127.0.0.1", 0, "stratum+tcp://127.0.0.1:" + pool.stratumPort(), trace)) {
            List<String> command = fake("honest", "{url}").resolve(java.util.Map.of("url", "stratum+tcp://127.0.0.1:" + proxy.port(), "user", "rec.rig"));
            Process miner = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("miner.log").toFile()).start();
            try {
                pool.awaitShares(s -> s.verdict().accepted(), 5, Duration.ofSeconds(60));
                pool.newJob(); // a job notification in the recording too
                pool.awaitShares(s -> s.verdict().accepted(), 3, Duration.ofSeconds(60));
            } finally {
                miner.destroyForcibly().waitFor();
            }
        }
        VerificationReport honest = MinerVerifier.of(fake("honest", "{url}")).scenarios(List.of(Scenario.REPLAY)).replay(trace).run();
        assertThat(honest.passed()).as(honest.summary()).isTrue();
        assertThat(honest.results().get(0).measurements().get("recorded")).as(honest.summary()).contains("accepted by the pool");

        // the recorded pool's replies are sent whatever name the miner logs in with
        VerificationReport ownLogin = MinerVerifier.of(fake("fixed-login", "{url}")).scenarios(List.of(Scenario.REPLAY)).replay(trace).run();
        assertThat(ownLogin.passed()).as(ownLogin.summary()).isTrue();
        assertThat(ownLogin.results().get(0).measurements().get("login")).as(ownLogin.summary())
                .isEqualTo(FakeMiner.FIXED_LOGIN + " (not {user}: verify.rig)");

        VerificationReport broken = MinerVerifier.of(fake("wrong-nonces", "{url}")).scenarios(List.of(Scenario.REPLAY)).replay(trace).run();
        assertThat(broken.passed()).as(broken.summary()).isFalse();
        assertThat(broken.results().get(0).reason()).contains("does not meet the job's target");
    }
}
