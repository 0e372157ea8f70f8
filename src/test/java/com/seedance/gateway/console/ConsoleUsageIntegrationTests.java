package com.seedance.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.seedance.gateway.console.ConsoleHttp.Page;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;

/** {@code /console/usage} and its CSV over real HTTP. */
@ConsoleIntegrationTest
class ConsoleUsageIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs jobs;

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	MutableClock clock;

	private ConsoleHttp console;

	private String team;

	private YearMonth month;

	@BeforeEach
	void signIn() {
		console = new ConsoleHttp(port).fromAnAddressOfItsOwn();
		console.signIn(GatewayClient.ADMIN_TOKEN);
		team = teams.create();
		month = YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
	}

	@Test
	void the_month_shows_jobs_and_credits_per_team_per_day_with_the_chart_data() {
		UUID done = jobs.submitted(team);
		lifecycle.succeed(done, "success", "https://videos.example.com/1.mp4", new BigDecimal("0.40"));
		jobs.accept(team);
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

		Page page = console.get("/console/usage?month=" + month + "&team=" + team);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"chart-credits\"", "id=\"chart-jobs\"", "data-chart=\"{&quot;days&quot;:[",
				"&quot;team&quot;:&quot;" + team + "&quot;", "uPlot.iife.min.js", "/console/assets/usage-chart.js",
				"<td>" + today + "</td>", "0.400000", "0.500000");
	}

	@Test
	void the_table_downloads_as_csv() {
		jobs.accept(team);
		jobs.accept(team);
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

		Page csv = console.get("/console/usage.csv?month=" + month + "&team=" + team);

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition").orElseThrow()).contains("attachment", "usage-" + month + ".csv");
		assertThat(csv.body()).startsWith("day,team,jobs,credits_used,credits_reserved\r\n")
			.contains(today + "," + team + ",2,0.000000,1.000000\r\n");
	}

	@Test
	void a_month_that_does_not_parse_is_a_400() {
		assertThat(console.get("/console/usage?month=November").status()).isEqualTo(400);
		assertThat(console.get("/console/usage.csv?month=2026-13").status()).isEqualTo(400);
	}

}
