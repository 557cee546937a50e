package io.btm.verify;

import io.btm.pool.model.Dialect;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.ScenarioResult;
import io.btm.verify.model.VerificationReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** This project's miner (its jar, on the default OpenCL device) passes every scenario in every dialect. */
@Tag("opencl")
@Tag("slow")
class OurMinerTest {
    static MinerCommand ourMiner(boolean twoPools) {
        Path jar = Path.of(System.getProperty("btm.miner.jar", "../miner/target/miner.jar"));
        assertThat(jar).as("build the miner first: mvn package").exists();
        List<String> words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "mine", "-o", "{url}", "-u", "{user}"));
        if (twoPools) {
            words.addAll(List.of("-o", "{url2}", "-u", "{user}"));
        }
        words.addAll(List.of("-i", "4", "--api", "127.0.0.1:{api}"));
        return new MinerCommand(words);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void passesEveryScenario(Dialect dialect) throws Exception {
        VerificationReport report = MinerVerifier.of(ourMiner(true)).dialect(dialect).logs(Files.createTempDirectory("verify-" + dialect.label())).run();
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.count(ScenarioResult.Outcome.PASS)).as(report.summary()).isEqualTo(MinerVerifier.defaultScenarios().size());
        String xml = VerificationReport.junitXml(List.of(report));
        assertThat(xml).contains("tests=\"" + MinerVerifier.defaultScenarios().size() + "\" failures=\"0\"").doesNotContain("<failure");
    }
}
