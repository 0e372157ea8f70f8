package com.seedance.gateway.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium for the whole test run (started at first use, quit when the JVM exits): the system's
 * {@code chromium} driven by the system's {@code chromedriver}, so Selenium Manager never downloads anything. Chromium
 * runs as root here, hence {@code --no-sandbox}. Without them (a developer machine without the packages) the browser
 * tests are skipped, except on CI ({@code CI=true}), where {@code .ci/run} installs them and a missing browser fails.
 */
final class Browser {

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");

	private static ChromeDriver driver;

	private Browser() {
	}

	static synchronized ChromeDriver driver() {
		if (driver == null) {
			boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
			if (!"true".equals(System.getenv("CI"))) {
				Assumptions.assumeTrue(installed, "no " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
			}
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=1400,1000", "--lang=en-US");
			LoggingPreferences logs = new LoggingPreferences();
			logs.enable(LogType.BROWSER, Level.ALL);
			options.setCapability("goog:loggingPrefs", logs);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort()
				.build();
			driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
			ChromeDriver started = driver;
			Runtime.getRuntime().addShutdownHook(new Thread(started::quit));
		}
		return driver;
	}

	/** The browser console's messages since the last call (CSP violations show up here). */
	static List<LogEntry> consoleMessages() {
		return driver().manage().logs().get(LogType.BROWSER).getAll();
	}

	static void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			File shot = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
