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
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judge can say no: each deliberately broken fake miner fails exactly the scenario meant to
 * catch it, and passes every other one; the JUnit XML says the same as the summary.
 */
@Tag("slow")
class FakeMinersTest {
    private static MinerCommand fake(String mode) {
        return MinerCommand.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), FakeMiner.class.getName(), mode, "{url}", "{user}");
    }

    @ParameterizedTest(name = "{0} fails {1} only")
    @CsvSource({
            "stale, JOB_SWITCH",
            "ignore-target, TARGET_CHANGE",
            "wrong-nonces, SHARES",
            "tight-reconnect, DISCONNECT",
            "keepalived, PROTOCOL",
    })
    void eachBrokenMinerFailsItsScenarioAndNoOther(String mode, Scenario caught) throws Exception {
        // Difficulty 2: the fakes hash with the reference on the CPU, a share in two hashes.
        VerificationReport report = MinerVerifier.of(fake(mode)).dialect(Dialect.BTMCPOOL).difficulty(BigInteger.TWO).run();
        List<Scenario> failed = report.results().stream().filter(ScenarioResult::failed).map(ScenarioResult::scenario).toList();
        assertThat(failed).as(report.summary()).containsExactly(caught);
        assertThat(report.results()).as(report.summary()).filteredOn(r -> r.scenario() == Scenario.FAILOVER)
                .singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(ScenarioResult.Outcome.SKIP));

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(VerificationReport.junitXml(List.of(report)).getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(report.results().size()));
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element testcase = (Element) failures.item(0).getParentNode();
        assertThat(testcase.getAttribute("name")).isEqualTo(caught.label());
        assertThat(((Element) failures.item(0)).getAttribute("message"))
                .isEqualTo(report.results().stream().filter(ScenarioResult::failed).findFirst().orElseThrow().reason());
    }
}
