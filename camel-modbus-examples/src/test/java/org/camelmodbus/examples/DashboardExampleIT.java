package org.camelmodbus.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard example in a real browser (Debian's headless chromium, driven by Selenium through chromedriver): the
 * page shows values that change and a chart, and its form changes the simulated device through the register map. Leaves a screenshot
 * in target/screenshots/dashboard.png.
 */
class DashboardExampleIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INSTALL = "apt-get install -y chromium chromium-driver";

    @Test
    void showsLiveValuesAndWritesTheSetpoint() throws Exception {
        String chromium = ChildProcess.requireCommand("chromium", INSTALL);
        String chromedriver = ChildProcess.requireCommand("chromedriver", INSTALL);
        int port = ChildProcess.freePort();
        Path profile = ChildProcess.workDir("chromium");
        try (RunningExample example = RunningExample.start(
                "dashboard",
                Map.of(
                        "camel.server.host", "127.0.0.1",
                        "camel.server.port", String.valueOf(port),
                        "dashboard.websocketPort", String.valueOf(ChildProcess.freePort())))) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver))
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions()
                    .setBinary(chromium)
                    .addArguments(
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-dev-shm-usage",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run",
                            "--window-size=1100,800",
                            "--user-data-dir=" + profile);
            WebDriver browser = new ChromeDriver(service, options);
            try {
                browser.get("http://127.0.0.1:" + port + "/");
                await().atMost(WAIT).until(() -> text(browser, "status").equals("live"));

                // the numbers move: the simulator's tick counter is the point "ticks"
                await().atMost(WAIT).until(() -> text(browser, "point-ticks").matches("\\d+"));
                long first = Long.parseLong(text(browser, "point-ticks"));
                await().atMost(WAIT).until(() -> Long.parseLong(text(browser, "point-ticks")) > first);
                assertTrue(browser.findElements(By.cssSelector("[id^=point-]")).size() == 9);
                String temperature = text(browser, "point-temperature");
                assertTrue(Double.parseDouble(temperature) >= 25 && Double.parseDouble(temperature) <= 35, temperature);

                // the chart has lines on it
                await().atMost(WAIT).until(() -> paintedPixels(browser) > 500);

                WebElement value = browser.findElement(By.id("setpoint-value"));
                value.clear();
                value.sendKeys("43.2");
                browser.findElement(By.id("setpoint-write")).click();
                // the register map writes °C in tenths to holding register 100
                await().atMost(WAIT).until(() -> example.simulator.image().holdingRegister(100) == 432);
                await().atMost(WAIT).until(() -> text(browser, "result").equals("setpoint set to 43.2"));
                await().atMost(WAIT).until(() -> text(browser, "point-setpoint").equals("43.2"));

                Path screenshots =
                        Files.createDirectories(Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                                .resolve("target/screenshots"));
                File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), screenshots.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
                service.stop();
            }
        }
    }

    /** The text of element {@code id}, empty while the page has not made it yet (the cells come with the data). */
    private static String text(WebDriver browser, String id) {
        return browser.findElements(By.id(id)).stream()
                .map(e -> e.getText().trim())
                .findFirst()
                .orElse("");
    }

    /** How many pixels of the chart's canvas are not blank. */
    private static long paintedPixels(WebDriver browser) {
        Object count = ((JavascriptExecutor) browser)
                .executeScript("const c = document.getElementById('chart');"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;");
        return ((Number) count).longValue();
    }
}
