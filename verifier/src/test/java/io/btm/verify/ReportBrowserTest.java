package io.btm.verify;

import io.btm.core.browser.Chromium;
import io.btm.pool.model.Dialect;
import io.btm.verify.fake.FakeMiner;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.ScenarioResult;
import io.btm.verify.model.VerificationReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report of a run with a failing fake miner (one that goes on submitting shares of a
 * replaced job), opened from disk in a real browser: the failing scenario is marked, its reason
 * and its time limit are drawn, the passing one is not marked, and the miner's output is there.
 * Leaves target/screenshots/report.png and the report itself at target/screenshots/report.html.
 */
@Tag("browser")
@Tag("slow") // a verifier run of a minute
class ReportBrowserTest {

    @Test
    void theReportShowsTheFailingScenarioAndItsThreshold() throws Exception {
        MinerCommand stale = MinerCommand.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), FakeMiner.class.getName(), "stale",
                "{url}", "{user}");
        // Difficulty 2: the fake hashes with the reference on the CPU, a share in two hashes.
        VerificationReport report = MinerVerifier.of(stale).dialect(Dialect.BTMCPOOL).difficulty(BigInteger.TWO)
                .scenarios(List.of(Scenario.SHARES, Scenario.JOB_SWITCH)).run();
        assertThat(report.results()).as(report.summary()).extracting(ScenarioResult::outcome)
                .containsExactly(ScenarioResult.Outcome.PASS, ScenarioResult.Outcome.FAIL);
        Files.createDirectories(Chromium.SCREENSHOTS);
        Path html = Chromium.SCREENSHOTS.resolve("report.html");
        Files.writeString(html, VerificationReport.html(List.of(report)));

        try (Chromium chromium = new Chromium()) {
            WebDriver page = chromium.driver();
            page.get(html.toAbsolutePath().toUri().toString());
            WebElement failed = page.findElement(By.cssSelector("#verdicts tr[data-scenario='job-switch']"));
            assertThat(failed.getAttribute("class")).isEqualTo("fail");
            assertThat(failed.findElement(By.className("outcome")).getText()).isEqualTo("FAIL");
            assertThat(page.findElement(By.cssSelector("#verdicts tr[data-scenario='shares'] .outcome")).getText()).isEqualTo("PASS");

            WebElement scenario = page.findElement(By.id("scenario-btmcpool-job-switch"));
            String reason = report.results().get(1).reason();
            assertThat(scenario.findElement(By.className("reason")).getText()).isEqualTo("FAILED: " + reason);
            List<String> thresholds = scenario.findElements(By.cssSelector("svg.timeline .threshold text")).stream().map(WebElement::getText).toList();
            assertThat(thresholds).contains("stale grace: no share of the old job after (2.0 s)", "first share of the new job (30.0 s)");
            assertThat(scenario.findElements(By.cssSelector("svg.timeline line.submit.bad"))).as("the stale shares").isNotEmpty();
            assertThat(scenario.findElements(By.cssSelector("svg.timeline circle.job"))).hasSize(1);
            assertThat(scenario.findElement(By.cssSelector(".output pre")).getText()).isNotBlank();

            page.findElement(By.id("failed-only")).click();
            assertThat(page.findElement(By.id("scenario-btmcpool-shares")).isDisplayed()).isFalse();
            assertThat(scenario.isDisplayed()).isTrue();
            chromium.driver().executeScript("arguments[0].scrollIntoView()", page.findElement(By.id("verdicts")));
            assertThat(Files.size(chromium.screenshot("report"))).isPositive();
        }
    }
}
