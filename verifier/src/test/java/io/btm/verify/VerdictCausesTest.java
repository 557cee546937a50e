package io.btm.verify;

import io.btm.pool.model.Dialect;
import io.btm.verify.fake.FakeMiner;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.ScenarioResult;
import io.btm.verify.model.VerificationReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults of a third-party miner (a 2018 fork of B3-Mimic) as fakes: each verdict names the
 * likely cause in a user's words, with what the pool saw.
 */
@Tag("slow")
class VerdictCausesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // antpool, as the fork mined there: its first session's range starts at 2^32, sent little-endian
            "twin-threads         | ANTPOOL | SHARES   | shares were duplicate: nonce | came twice on one connection | do two threads (goroutines) search the same nonces of one job?",
            "big-endian-nonce     | ANTPOOL | SHARES   | shares were out of range: first: nonce | the session's range starting at 0000000100000000 | every nonce is just above 0000000001000000, the job's nonce field 0000000001000000 read as a big-endian number: is the job's little-endian nonce read big-endian?",
            // btc.com's pool answers a login in two objects written at once: the job is the second
            "one-message-per-read | BTCPOOL | PROTOCOL | only 0 submits within 45.0 s of the login; job | ms behind the pool's message before it, the miner silent between, so likely in one read with it | unless the miner is that slow, is a message lost when two arrive in one read?",
    })
    void theVerdictNamesTheLikelyCause(String mode, Dialect dialect, Scenario scenario, String verdict, String seen, String cause) {
        MinerCommand fake = MinerCommand.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), FakeMiner.class.getName(), mode, "{url}", "{user}");
        VerificationReport report = MinerVerifier.of(fake).dialect(dialect).difficulty(BigInteger.TWO).scenarios(List.of(scenario)).run();
        ScenarioResult result = report.results().get(0);
        assertThat(result.outcome()).as(report.summary()).isEqualTo(ScenarioResult.Outcome.FAIL);
        assertThat(result.reason()).as(report.summary()).contains(verdict, seen).endsWith(cause);
    }
}
