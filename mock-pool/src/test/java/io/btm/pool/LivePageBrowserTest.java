package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.browser.Chromium;
import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in a real browser, while a scripted miner submits: once the miner stops, the page's
 * numbers come to equal the control API's, its sessions table names the miner, and its trace can be
 * filtered. Leaves target/screenshots/live-page.png.
 */
@Tag("browser")
class LivePageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private MockPool pool;

    @BeforeEach
    void start() {
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.ANTPOOL).target(ShareTarget.parseHex("ffffffff")).build());
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private JsonNode api(String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private String base() {
        return "http://127.0.0.1:" + pool.controlPort();
    }

    /** A miner on a script: a share every 50 ms after the last answer, every tenth sent twice, until told to stop. */
    private Thread scriptedMiner(StratumTestClient client, AtomicBoolean mining) {
        Thread miner = new Thread(() -> {
            long nonce = client.job.startNonce();
            for (int i = 0; mining.get(); i++, nonce++) {
                client.submit(nonce);
                if (i % 10 == 0) {
                    client.submit(nonce);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "scripted-miner");
        miner.start();
        return miner;
    }

    @Test
    void thePageShowsWhatTheControlApiSaysWhileAMinerSubmits() throws Exception {
        try (Chromium chromium = new Chromium(); StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("alice.rig");
            WebDriver page = chromium.driver();
            page.get(base() + "/");
            AtomicBoolean mining = new AtomicBoolean(true);
            Thread miner = scriptedMiner(client, mining);
            long session = pool.sessions().get(0).id();
            pool.awaitShares(share -> share.verdict().accepted(), 3, PAGE_WAIT); // the page gets snapshots meanwhile
            pool.newJob(); // the miner goes on under the job it had
            pool.awaitShares(share -> true, 2, PAGE_WAIT);
            pool.inject(session, new Fault.Delay(Duration.ZERO));
            mining.set(false);
            miner.join();

            JsonNode stats = api("/api/stats");
            long rejected = 0;
            for (JsonNode count : stats.get("shares").get("rejected")) {
                rejected += count.asLong();
            }
            Map<String, String> expected = Map.of("sessions-count", stats.get("sessions").asText(),
                    "accepted-total", stats.get("shares").get("accepted").asText(),
                    "rejected-total", Long.toString(rejected),
                    "faults-injected", "1",
                    "job-switches", "1");
            assertThat(stats.get("shares").get("accepted").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(rejected).isPositive();
            WebDriverWait wait = new WebDriverWait(page, PAGE_WAIT);
            wait.withMessage(() -> "page tiles " + tiles(page, expected.keySet()) + ", control API " + expected)
                    .until(p -> tiles(p, expected.keySet()).equals(expected));

            // The page redraws its tables every second: each read below is one script, so no row goes stale halfway.
            JsonNode apiSession = api("/api/sessions").get(0);
            Map<String, String> row = sessionRow(page, apiSession.get("id").asText());
            assertThat(row.get("login")).isEqualTo("alice.rig");
            assertThat(row.get("target")).isEqualTo(apiSession.get("target").asText());
            assertThat(row.get("jobs")).isEqualTo(apiSession.get("jobs_remembered").asText());
            assertThat(row.get("hashrate")).endsWith("H/s").doesNotStartWith("0.0 ");

            new Select(page.findElement(By.id("filter-method"))).selectByValue("login");
            assertThat(tailMethods(page)).isNotEmpty().containsOnly("login");
            new Select(page.findElement(By.id("filter-method"))).selectByValue("submit");
            assertThat(tailMethods(page)).hasSizeGreaterThanOrEqualTo(3).containsOnly("submit");
            assertThat(page.findElements(By.cssSelector("#shares-chart canvas"))).isNotEmpty();

            assertThat(Files.size(chromium.screenshot("live-page"))).isPositive();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> sessionRow(WebDriver page, String id) {
        return (Map<String, String>) ((JavascriptExecutor) page).executeScript(
                "const row = document.querySelector(`#sessions tr[data-session='${arguments[0]}']`);"
                        + "return Object.fromEntries(['login', 'target', 'jobs', 'hashrate'].map(c => [c, row.querySelector('.' + c).textContent]));", id);
    }

    @SuppressWarnings("unchecked")
    private static List<String> tailMethods(WebDriver page) {
        return (List<String>) ((JavascriptExecutor) page).executeScript(
                "return Array.from(document.querySelectorAll('#tail tbody tr')).map(row => row.dataset.method);");
    }

    private static Map<String, String> tiles(WebDriver page, Iterable<String> ids) {
        Map<String, String> shown = new TreeMap<>();
        ids.forEach(id -> shown.put(id, page.findElement(By.id(id)).getText()));
        return Map.copyOf(shown);
    }
}
