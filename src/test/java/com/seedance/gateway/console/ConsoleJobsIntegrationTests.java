package com.seedance.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.seedance.gateway.console.ConsoleHttp.Page;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobRequest;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;

/** {@code /console/jobs} over real HTTP: each filter, their combination, paging and the counts by status. */
@ConsoleIntegrationTest
class ConsoleJobsIntegrationTests {

	private static final Pattern JOB_LINK = Pattern.compile("href=\"/console/jobs/([0-9a-f-]{36})\"");

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs testJobs;

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	MutableClock clock;

	private ConsoleHttp console;

	private String team;

	@BeforeEach
	void signIn() {
		console = new ConsoleHttp(port).fromAnAddressOfItsOwn();
		assertThat(console.signIn(GatewayClient.ADMIN_TOKEN).location()).endsWith("/console/jobs");
		team = teams.create();
	}

	@Test
	void the_history_of_a_team_is_newest_first_and_pages_by_cursor_with_the_filters_kept() {
		List<UUID> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(accept(team, "scene " + i));
		}

		Page first = console.get("/console/jobs?team=" + team);
		assertThat(jobIds(first)).containsExactly(created.get(4), created.get(3), created.get(2));
		String next = nextPage(first);
		assertThat(next).contains("team=" + team).contains("cursor=");

		Page second = console.get(next);
		assertThat(jobIds(second)).containsExactly(created.get(1), created.get(0));
		assertThat(second.body()).doesNotContain("id=\"next-page\"");
	}

	@Test
	void filters_combine_and_count_jobs_by_status() {
		UUID cancelled = accept(team, "a lighthouse at dusk");
		lifecycle.cancel(team, cancelled);
		UUID queued = accept(team, "a lighthouse at dawn");
		UUID other = accept(team, "a harbour at noon");
		UUID otherTeams = accept(teams.create(), "a lighthouse at dusk");

		Page lighthouses = console.get("/console/jobs?team=" + team + "&q=lighthouse");
		assertThat(jobIds(lighthouses)).containsExactly(queued, cancelled);
		assertThat(lighthouses.body()).as("a search's counts come apart")
			.contains("hx-get=\"/console/jobs/counts?team=" + team + "&amp;q=lighthouse\"");
		Page lighthouseCounts = console.get("/console/jobs/counts?team=" + team + "&q=lighthouse");
		assertThat(count(lighthouseCounts, "queued")).isEqualTo(1);
		assertThat(count(lighthouseCounts, "cancelled")).isEqualTo(1);

		Page cancelledOnes = console.get("/console/jobs?team=" + team + "&status=cancelled&q=lighthouse");
		assertThat(jobIds(cancelledOnes)).containsExactly(cancelled);
		assertThat(count(console.get("/console/jobs/counts?team=" + team + "&status=cancelled&q=lighthouse"), "queued"))
			.as("the counts offer the other statuses")
			.isEqualTo(1);

		Page all = console.get("/console/jobs?team=" + team);
		assertThat(count(all, "queued")).isEqualTo(2);
		assertThat(count(all, "cancelled")).isEqualTo(1);
		assertThat(jobIds(all)).containsExactly(other, queued, cancelled).doesNotContain(otherTeams);
	}

	@Test
	void q_finds_a_job_by_its_id_or_its_upstream_task_id() {
		UUID submitted = testJobs.submitted(team);
		accept(team, "something else");

		assertThat(jobIds(console.get("/console/jobs?q=" + submitted))).containsExactly(submitted);
		assertThat(jobIds(console.get("/console/jobs?q=task-" + submitted))).containsExactly(submitted);
		assertThat(count(console.get("/console/jobs?team=" + team + "&status=submitted"), "submitted")).isEqualTo(1);
	}

	@Test
	void from_and_to_are_utc_and_the_counts_cover_partial_first_and_last_days() {
		Instant now = clock.instant();
		try {
			UUID dayOne = acceptAt(team, "2020-03-01T10:00:00Z");
			UUID dayTwo = acceptAt(team, "2020-03-02T12:00:00Z");
			UUID dayThree = acceptAt(team, "2020-03-03T09:00:00Z");
			acceptAt(team, "2020-03-03T11:00:00Z");

			Page range = console.get("/console/jobs?team=" + team + "&from=2020-03-01T11:00&to=2020-03-03T10:00");
			assertThat(jobIds(range)).containsExactly(dayThree, dayTwo);
			assertThat(count(range, "queued")).isEqualTo(2);

			Page days = console.get("/console/jobs?team=" + team + "&from=2020-03-01&to=2020-03-02");
			assertThat(jobIds(days)).containsExactly(dayTwo, dayOne);
			assertThat(count(days, "queued")).isEqualTo(2);

			Page model = console.get("/console/jobs?team=" + team + "&model=seedance-2.0&from=2020-03-02T00:00:00Z");
			assertThat(count(model, "queued")).isEqualTo(3);
		}
		finally {
			clock.set(now);
		}
	}

	@Test
	void a_filter_that_does_not_parse_is_a_400_page_that_says_why() {
		Page bad = console.get("/console/jobs?status=lost&from=yesterday&cursor=nope");

		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("status must be one of", "from must be a UTC date", "cursor is not one");
	}

	private UUID accept(String teamId, String prompt) {
		return lifecycle.accept(teamId, new JobRequest("seedance-2.0",
				"[{\"type\":\"text\",\"text\":\"" + prompt + "\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/lighthouse.png\"}}]",
				5, "16:9", Map.of(), null)).id();
	}

	private UUID acceptAt(String teamId, String at) {
		clock.set(Instant.parse(at));
		return accept(teamId, "at " + at);
	}

	private static List<UUID> jobIds(Page page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		List<UUID> ids = new ArrayList<>();
		Matcher link = JOB_LINK.matcher(page.body());
		while (link.find()) {
			ids.add(UUID.fromString(link.group(1)));
		}
		return ids;
	}

	private static long count(Page page, String status) {
		Matcher count = Pattern.compile("data-status=\"" + status + "\"[^>]*>\\s*<span>" + status + "</span>\\s*<strong>([0-9,]+)</strong>")
			.matcher(page.body());
		assertThat(count.find()).as("a count of %s in %s", status, page.body()).isTrue();
		return Long.parseLong(count.group(1).replace(",", ""));
	}

	private static String nextPage(Page page) {
		Matcher next = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"").matcher(page.body());
		assertThat(next.find()).isTrue();
		return next.group(1).replace("&amp;", "&");
	}

}
