package com.seedance.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobRequest;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;
import com.seedance.gateway.teams.Quota;

/**
 * The console in a real browser (headless Chromium, one session for the whole run), as an operator uses it: sign in,
 * filter the history, open a job and watch it finish, revoke a key, see the spend chart, a form without its CSRF
 * token refused, sign out. Every page is kept as a screenshot in {@code target/console-screenshots/}, and no page
 * may log a Content-Security-Policy violation.
 */
@ConsoleIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs jobs;

	@Autowired
	JobLifecycle lifecycle;

	private ChromeDriver browser;

	private String team;

	private UUID lighthouse;

	private UUID running;

	@BeforeAll
	void jobsAndKeys() {
		browser = Browser.driver();
		browser.manage().deleteAllCookies();
		Browser.consoleMessages();
		team = teams.create(new Quota(5, 100, new BigDecimal("50")));
		teams.keyFor(team);
		UUID done = jobs.submitted(team);
		lifecycle.succeed(done, "success", url("/sandbox/videos/sample.mp4"), new BigDecimal("0.50"));
		running = jobs.submitted(team);
		// last: making a job submitted claims every queued job, as the dispatcher would
		lighthouse = lifecycle.accept(team, new JobRequest("seedance-2.0",
				"[{\"type\":\"text\",\"text\":\"A lighthouse in @image1 at dusk\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/lighthouse.png\"}}]",
				5, "16:9", Map.of("project", "browser"), null)).id();
	}

	@Test
	@Order(1)
	void an_operator_signs_in_with_the_admin_token_into_a_strict_http_only_session() {
		browser.get(url("/console/jobs"));
		assertThat(browser.getCurrentUrl()).endsWith("/console/login");
		Browser.screenshot("01-sign-in");

		browser.findElement(By.id("token")).sendKeys(GatewayClient.ADMIN_TOKEN);
		browser.findElement(By.id("sign-in")).click();

		waitFor(ExpectedConditions.urlContains("/console/jobs"));
		Cookie session = browser.manage().getCookieNamed("CONSOLE_SESSION");
		assertThat(session).isNotNull();
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Strict");
		assertThat(session.getPath()).isEqualTo("/console");
		assertThat(session.isSecure()).as("plain HTTP here: Secure only behind HTTPS").isFalse();
		Object htmxEval = ((JavascriptExecutor) browser).executeScript("return window.htmx && htmx.config.allowEval");
		assertThat(htmxEval).as("htmx loaded from the gateway, with eval off").isEqualTo(false);
		Browser.screenshot("02-jobs");
	}

	@Test
	@Order(2)
	void the_history_is_filtered_with_the_filters_kept_in_the_url() {
		new Select(browser.findElement(By.id("filter-team"))).selectByValue(team);
		browser.findElement(By.id("filter-q")).sendKeys("lighthouse");
		browser.findElement(By.id("apply-filters")).click();

		waitFor(ExpectedConditions.urlContains("q=lighthouse"));
		assertThat(browser.getCurrentUrl()).contains("team=" + team);
		List<WebElement> rows = browser.findElements(By.cssSelector("#jobs tr.job-row"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getText()).contains("A lighthouse in @image1 at dusk", "queued");
		waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#status-counts a[data-status=queued] strong")));
		assertThat(browser.findElement(By.cssSelector("#status-counts a[data-status=queued] strong")).getText())
			.as("a search's counts, fetched by htmx once the page is shown")
			.isEqualTo("1");
		Browser.screenshot("03-jobs-filtered");
	}

	@Test
	@Order(3)
	void a_job_shows_its_request_and_timeline_and_can_be_cancelled() {
		browser.findElement(By.cssSelector("#jobs tr.job-row a.mono")).click();

		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
		assertThat(browser.getCurrentUrl()).endsWith("/console/jobs/" + lighthouse);
		assertThat(browser.findElement(By.id("content")).getText()).contains("A lighthouse in @image1 at dusk",
				"https://example.com/lighthouse.png");
		assertThat(browser.findElements(By.cssSelector("#timeline tbody tr"))).isNotEmpty();
		Browser.screenshot("04-job-queued");

		browser.findElement(By.id("cancel-job")).click();

		// the page's own stream may reload it at the same moment as the form's answer: wait for the end state only
		waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "queued → cancelled"));
		assertThat(browser.findElement(By.id("job-status")).getText()).isEqualTo("cancelled");
		assertThat(browser.findElements(By.id("cancel-job"))).isEmpty();
	}

	@Test
	@Order(4)
	void an_unfinished_job_page_follows_the_job_live_until_its_video_plays() {
		browser.get(url("/console/jobs/" + running));
		waitFor(ExpectedConditions.textToBe(By.id("job-status"), "submitted"));
		assertThat(browser.findElements(By.tagName("video"))).isEmpty();
		Browser.screenshot("05-job-live");

		lifecycle.succeed(running, "success", url("/sandbox/videos/sample.mp4"), new BigDecimal("0.50"));

		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("video")));
		assertThat(browser.findElement(By.id("job-status")).getText()).isEqualTo("succeeded");
		assertThat(browser.findElement(By.id("video")).getAttribute("src")).endsWith("/sandbox/videos/sample.mp4");
		assertThat(browser.findElement(By.id("timeline")).getText()).contains("submitting → submitted", "submitted → succeeded");
		Browser.screenshot("06-job-succeeded");
	}

	@Test
	@Order(5)
	void a_key_is_revoked_from_the_team_page() {
		browser.get(url("/console/teams"));
		Browser.screenshot("07-teams");
		browser.findElement(By.linkText(team)).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("usage-bars")));
		assertThat(browser.findElements(By.cssSelector("#usage-bars meter"))).isNotEmpty();

		browser.findElement(By.cssSelector("#keys button.revoke")).click();

		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
		assertThat(browser.findElement(By.cssSelector("#keys .key-state")).getText()).startsWith("revoked");
		assertThat(browser.findElements(By.cssSelector("#keys button.revoke"))).isEmpty();
		Browser.screenshot("08-team");
	}

	@Test
	@Order(6)
	void the_spend_chart_renders() {
		browser.get(url("/console/usage?team=" + team));

		waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-credits[data-rendered=true] canvas")));
		assertThat(browser.findElements(By.cssSelector("#chart-jobs .uplot canvas"))).isNotEmpty();
		assertThat(browser.findElement(By.id("usage-totals")).getText()).contains(team);
		assertThat(browser.findElement(By.id("download-csv")).getAttribute("href")).contains("/console/usage.csv");
		Browser.screenshot("09-usage");
	}

	@Test
	@Order(7)
	void the_audit_page_lists_the_actions_just_taken() {
		browser.get(url("/console/audit"));

		assertThat(browser.findElement(By.id("audit")).getText()).contains("revoke key", "cancel", "sign in",
				"console session");
		Browser.screenshot("10-audit");
	}

	@Test
	@Order(8)
	void no_page_broke_the_content_security_policy() {
		List<LogEntry> violations = Browser.consoleMessages()
			.stream()
			.filter(entry -> entry.getMessage().contains("Content Security Policy")
					|| entry.getMessage().contains("Refused to"))
			.toList();

		assertThat(violations).isEmpty();
	}

	@Test
	@Order(9)
	void a_form_without_its_csrf_token_is_refused() {
		browser.get(url("/console/jobs"));

		((JavascriptExecutor) browser).executeScript("""
				const form = document.querySelector('form.sign-out');
				form.querySelector('input[name=_csrf]').remove();
				form.submit();""");

		waitFor(ExpectedConditions.titleIs("Refused"));
		Browser.screenshot("11-csrf-refused");
		browser.get(url("/console/jobs"));
		assertThat(browser.getCurrentUrl()).as("still signed in").endsWith("/console/jobs");
	}

	@Test
	@Order(10)
	void signing_out_ends_the_session() {
		browser.get(url("/console/jobs"));
		browser.findElement(By.id("sign-out")).click();

		waitFor(ExpectedConditions.urlContains("/console/login?signed-out"));
		assertThat(browser.getPageSource()).contains("You are signed out.");
		Browser.screenshot("12-signed-out");
		browser.get(url("/console/jobs"));
		assertThat(browser.getCurrentUrl()).endsWith("/console/login");
	}

	private void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
		new WebDriverWait(browser, PATIENCE).until(condition);
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
