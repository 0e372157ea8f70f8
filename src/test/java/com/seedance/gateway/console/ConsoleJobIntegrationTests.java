package com.seedance.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seedance.gateway.console.ConsoleHttp.Page;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobRequest;
import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;

/** {@code /console/jobs/{id}} over real HTTP: the story of a job, its live stream, and the actions on it. */
@ConsoleIntegrationTest
class ConsoleJobIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs jobs;

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	JdbcClient jdbc;

	private ConsoleHttp console;

	private String team;

	@BeforeEach
	void signIn() {
		console = new ConsoleHttp(port).fromAnAddressOfItsOwn();
		console.signIn(GatewayClient.ADMIN_TOKEN);
		team = teams.create();
	}

	@Test
	void an_unfinished_job_shows_its_request_timeline_ledger_and_follows_its_stream() {
		UUID job = jobs.submitted(team);

		Page page = console.get("/console/jobs/" + job);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"job-status\"", ">submitted<", "task-" + job, "<pre>a cat</pre>",
				"accepted as queued", "queued → submitting", "submitting → submitted", "RESERVE", "0.500000",
				"sse-connect=\"/console/jobs/" + job + "/events\"", "hx-trigger=\"sse:status\"")
			.doesNotContain("id=\"cancel-job\"", "<video");
	}

	@Test
	void a_succeeded_job_plays_its_video_under_a_policy_that_names_the_video_origin_only() {
		UUID job = jobs.submitted(team);
		lifecycle.succeed(job, "success", "https://videos.example.com/v/1.mp4", new BigDecimal("0.42"));

		Page page = console.get("/console/jobs/" + job);

		assertThat(page.body()).contains("<video id=\"video\"", "src=\"https://videos.example.com/v/1.mp4\"", "SETTLE")
			.doesNotContain("sse-connect");
		assertThat(page.header("Content-Security-Policy").orElseThrow())
			.endsWith("media-src 'self' https://videos.example.com")
			.contains("script-src 'self';");
	}

	@Test
	void the_live_part_asks_for_a_reload_once_the_job_has_ended() {
		UUID job = jobs.submitted(team);
		Page running = console.header("HX-Request", "true").get("/console/jobs/" + job + "/live");
		assertThat(running.header("HX-Refresh")).isEmpty();
		assertThat(running.body()).contains("id=\"timeline\"").doesNotContain("<html");

		lifecycle.succeed(job, "success", "https://videos.example.com/v/2.mp4", null);

		assertThat(console.get("/console/jobs/" + job + "/live").header("HX-Refresh")).contains("true");
	}

	@Test
	void the_operators_stream_sends_the_job_and_ends_after_a_terminal_status() {
		UUID job = jobs.accept(team);
		lifecycle.cancel(team, job);

		Page stream = console.header("Accept", "text/event-stream").get("/console/jobs/" + job + "/events");

		assertThat(stream.status()).isEqualTo(200);
		assertThat(stream.body()).contains("event:status", "\"status\":\"cancelled\"", "event:end");
	}

	@Test
	void a_queued_job_is_cancelled_through_the_lifecycle_and_the_action_is_audited() {
		UUID job = jobs.accept(team);
		console.get("/console/jobs/" + job);

		Page cancelled = console.post("/console/jobs/" + job + "/cancel", Map.of());

		assertThat(cancelled.location()).endsWith("/console/jobs/" + job);
		assertThat(console.get("/console/jobs/" + job).body()).contains("The job is cancelled.", ">cancelled<",
				"queued → cancelled");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'cancel' AND target = :target AND status = 302")
			.param("target", "POST /console/jobs/" + job + "/cancel")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void a_submitted_job_cannot_be_cancelled_and_the_page_says_why() {
		UUID job = jobs.submitted(team);
		console.get("/console/jobs/" + job);

		console.post("/console/jobs/" + job + "/cancel", Map.of());

		assertThat(console.get("/console/jobs/" + job).body()).contains("id=\"action-error\"", "is submitted", ">submitted<");
	}

	@Test
	void a_failed_notification_is_sent_again() {
		UUID job = lifecycle.accept(team, new JobRequest("seedance-2.0", "[{\"type\":\"text\",\"text\":\"a cat\"}]", 5,
				"16:9", Map.of(), "https://hooks.example.com/video")).id();
		lifecycle.cancel(team, job);
		// the delivery worker is off in tests: the notification is made to have given up, as the worker would leave it
		jdbc.sql("UPDATE webhook_delivery SET status = 'FAILED', next_attempt_at = NULL, last_error = 'gave up' WHERE job_id = :job")
			.param("job", job)
			.update();
		UUID delivery = jdbc.sql("SELECT id FROM webhook_delivery WHERE job_id = :job").param("job", job).query(UUID.class).single();
		assertThat(console.get("/console/jobs/" + job).body()).contains("class=\"redeliver\"", "gave up");

		Page redelivered = console.post("/console/jobs/" + job + "/deliveries/" + delivery + "/redeliver", Map.of());

		assertThat(redelivered.location()).endsWith("/console/jobs/" + job);
		assertThat(jdbc.sql("SELECT status FROM webhook_delivery WHERE id = :id").param("id", delivery).query(String.class).single())
			.isEqualTo("PENDING");
		assertThat(console.get("/console/jobs/" + job).body()).contains("sent again now").doesNotContain("class=\"redeliver\"");
	}

	@Test
	void an_unknown_job_is_a_404_page() {
		Page unknown = console.get("/console/jobs/" + UUID.randomUUID());
		Page notAnId = console.get("/console/jobs/not-an-id");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("Not found");
		assertThat(notAnId.status()).isEqualTo(404);
	}

}
