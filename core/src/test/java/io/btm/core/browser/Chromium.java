package io.btm.core.browser;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium, driven by its chromedriver (both from apt, which ci/install-deps.sh
 * installs: Selenium's own download of a browser fails on these machines). A fresh profile each
 * time, and none of Chromium's own connections out, which are refused here. Tests that use it are
 * tagged {@code browser}.
 */
public final class Chromium implements AutoCloseable {
    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Where screenshots go: the module's target folder, kept as a build artifact. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Path profile;
    private final ChromeDriver driver;

    public Chromium() throws IOException {
        assertThat(BROWSER).as("chromium (apt-get install chromium chromium-driver, as ci/install-deps.sh does)").isExecutable();
        assertThat(DRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1100", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the page shows now as target/screenshots/NAME.png, and returns the file. */
    public Path screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOTS);
        Path saved = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
        return saved;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).map(Path::toFile).forEach(File::delete);
        }
    }
}
