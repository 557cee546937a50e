package io.btm.verify;

import io.btm.pool.model.Dialect;
import io.btm.verify.fake.FakeMiner;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.ScenarioResult;
import io.btm.verify.model.VerificationReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A miner that logs in with a name of its own whatever {@code {user}} says, as B3-Mimic does, is
 * judged on the session it opened: no scenario acts on {@code {user}}, and each names the login it saw.
 */
@Tag("slow")
class IgnoresUserTest {
    private static MinerCommand fixedLogin() {
        return MinerCommand.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), FakeMiner.class.getName(), "fixed-login", "{url}", "{user}", "{url2}");
    }

    private static VerificationReport run(List<Scenario> scenarios) {
        // Difficulty 2: the fake hashes with the reference on the CPU, a share in two hashes.
        return MinerVerifier.of(fixedLogin()).dialect(Dialect.ANTPOOL).difficulty(BigInteger.TWO).scenarios(scenarios).run();
    }

    private static void namesTheLoginItSaw(ScenarioResult result) {
        assertThat(result.measurements().get("login")).as(result.scenario().label()).startsWith(FakeMiner.FIXED_LOGIN).contains("not {user}");
    }

    @Test
    void theBanFallsOnTheLoginTheMinerSent() {
        VerificationReport report = run(List.of(Scenario.BAN));
        ScenarioResult ban = report.results().get(0);
        assertThat(ban.outcome()).as(report.summary()).isEqualTo(ScenarioResult.Outcome.PASS);
        assertThat(ban.measurements().get("banned")).as(report.summary()).isEqualTo(FakeMiner.FIXED_LOGIN);
        namesTheLoginItSaw(ban);
    }

    @Test
    void passesEveryScenarioItShould() {
        VerificationReport report = run(MinerVerifier.defaultScenarios());
        assertThat(report.results()).as(report.summary()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(ScenarioResult.Outcome.PASS));
        report.results().forEach(IgnoresUserTest::namesTheLoginItSaw);
        assertThat(report.results()).filteredOn(r -> r.scenario() == Scenario.FAILOVER).singleElement()
                .satisfies(r -> assertThat(r.measurements().get("login on the second pool")).startsWith(FakeMiner.FIXED_LOGIN));
        assertThat(report.results()).filteredOn(r -> r.scenario() == Scenario.HASHRATE).singleElement()
                .satisfies(r -> assertThat(r.measurements().get("credited to")).isEqualTo(FakeMiner.FIXED_LOGIN));
    }
}
