package io.btm.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.pool.model.Dialect;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.ScenarioResult;
import io.btm.verify.model.Timeline;
import io.btm.verify.model.VerificationReport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class VerificationReportTest {
    private final VerificationReport report = new VerificationReport(MinerCommand.of("miner", "{url}"), Dialect.BTCPOOL, List.of(
            new ScenarioResult(Scenario.PROTOCOL, ScenarioResult.Outcome.PASS, null, Map.of("submits", "12"), Duration.ofMillis(6500)),
            new ScenarioResult(Scenario.JOB_SWITCH, ScenarioResult.Outcome.FAIL, "3 shares of the replaced job <late> & \"stale\"",
                    Map.of("first share", "0.5 s"), Duration.ofSeconds(14), new Timeline(List.of(
                    new Timeline.Mark(1200, Timeline.Lane.LOGIN, "login: logged in as verify.rig"),
                    new Timeline.Mark(8000, Timeline.Lane.JOB, "new job"),
                    new Timeline.Mark(9000, Timeline.Lane.SUBMIT, "stale")),
                    List.of(new Timeline.Threshold("stale grace", 8000, 10000)), "hashing <fast>\n")),
            new ScenarioResult(Scenario.FAILOVER, ScenarioResult.Outcome.SKIP, "no {url2}", Map.of(), Duration.ZERO)));

    @Test
    void theSummaryHasALinePerScenarioWithItsNumbersAndWhyItFailed() {
        assertThat(report.summary()).contains("PASS protocol", "submits 12", "FAIL job-switch", "FAILED: 3 shares of the replaced job",
                "SKIP failover", "1 passed, 1 failed, 1 skipped");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void theJunitXmlParsesAndSaysWhatTheSummarySays() throws Exception {
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(VerificationReport.junitXml(List.of(report)).getBytes(StandardCharsets.UTF_8)));
        var suite = (org.w3c.dom.Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        var failure = (org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("3 shares of the replaced job <late> & \"stale\"");
        assertThat(((org.w3c.dom.Element) failure.getParentNode()).getAttribute("name")).isEqualTo("job-switch");
    }

    @Test
    void theJsonHasEveryScenario() throws Exception {
        JsonNode json = new ObjectMapper().readTree(VerificationReport.json(List.of(report)));
        assertThat(json.get(0).get("dialect").asText()).isEqualTo("btcpool");
        assertThat(json.get(0).get("passed").asBoolean()).isFalse();
        assertThat(json.get(0).get("scenarios")).hasSize(3);
        assertThat(json.get(0).get("scenarios").get(1).get("outcome").asText()).isEqualTo("fail");
    }

    @Test
    void theHtmlIsOneFileThatLoadsNothingAndDrawsTheFailingScenarioWithItsThreshold() {
        String html = VerificationReport.html(List.of(report));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<script>", "<svg class=\"timeline\"")
                .doesNotContain("<link", " src=", "http://", "https://", "@import", "url(");
        assertThat(html).contains("id=\"scenario-btcpool-job-switch\"", "FAILED: 3 shares of the replaced job &lt;late&gt; &amp; &quot;stale&quot;",
                "stale grace (2.0 s)", "1.200 s: login: logged in as verify.rig", "9.000 s: stale", "hashing &lt;fast&gt;");
    }
}
