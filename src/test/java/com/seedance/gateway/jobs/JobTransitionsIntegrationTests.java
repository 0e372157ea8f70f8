package com.seedance.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.seedance.gateway.support.GatewayIntegrationTest;
import com.seedance.gateway.support.MutableClock;
import com.seedance.gateway.support.MutableClockConfiguration;
import com.seedance.gateway.support.TestJobs;
import com.seedance.gateway.support.TestTeams;

/**
 * Every move in {@link JobStatus}'s table, by every code path that makes it (intent methods and bulk
 * statements alike), leaves exactly one {@code job_event} row and publishes exactly one {@link JobStatusChanged}.
 */
@GatewayIntegrationTest
@Import(MutableClockConfiguration.class)
@RecordApplicationEvents
class JobTransitionsIntegrationTests {

	static final Duration LEASE = Duration.ofMinutes(2);

	/** A job brought to a status through the real transitions, with the submission attempt it is on. */
	record Subject(UUID id, String team, int attempt) {
	}

	/** One code path that moves a job {@code from} one status {@code to} another. */
	record Route(JobStatus from, JobStatus to, String name, Move move) {

		@Override
		public String toString() {
			return from + " -> " + to + " by " + name;
		}

	}

	interface Move {

		void apply(JobTransitionsIntegrationTests test, Subject job);

	}

	static final List<Route> ROUTES = List.of(
			route(JobStatus.QUEUED, JobStatus.SUBMITTING, "the dispatcher's claim (bulk)", (t, job) -> t.jobs.claim(job.id())),
			route(JobStatus.QUEUED, JobStatus.CANCELLED, "a client's cancel", (t, job) -> t.lifecycle.cancel(job.team(), job.id())),
			route(JobStatus.SUBMITTING, JobStatus.SUBMITTED, "an accepted submission",
					(t, job) -> t.lifecycle.markSubmitted(job.id(), job.attempt(), "task-" + job.id(), t.later())),
			route(JobStatus.SUBMITTING, JobStatus.SUBMITTED, "a confirmed candidate task", (t, job) -> {
				t.lifecycle.noteCandidateTask(job.id(), "task-" + job.id(), t.later());
				t.lifecycle.adoptTask(job.id(), "task-" + job.id(), t.later());
			}),
			route(JobStatus.SUBMITTING, JobStatus.QUEUED, "a transient failure",
					(t, job) -> t.lifecycle.requeue(job.id(), job.attempt(), t.later(), "HTTP 503")),
			route(JobStatus.SUBMITTING, JobStatus.OUTCOME_UNKNOWN, "an unknown outcome",
					(t, job) -> t.lifecycle.markOutcomeUnknown(job.id(), job.attempt(), "timeout", t.later())),
			route(JobStatus.SUBMITTING, JobStatus.OUTCOME_UNKNOWN, "an expired submit lease (bulk)",
					(t, job) -> t.queue.expireSubmitLeases(t.clock.instant().plus(TestJobs.LEASE).plusSeconds(1), t.later())),
			route(JobStatus.SUBMITTING, JobStatus.FAILED, "a rejected submission", (t, job) -> t.lifecycle
				.failSubmission(job.id(), job.attempt(), JobError.of(JobError.UPSTREAM_REJECTED, "bad ratio"))),
			route(JobStatus.OUTCOME_UNKNOWN, JobStatus.SUBMITTED, "an accepted submission, late within the grace",
					(t, job) -> t.lifecycle.markSubmitted(job.id(), job.attempt(), "task-" + job.id(), t.later())),
			route(JobStatus.OUTCOME_UNKNOWN, JobStatus.SUBMITTED, "a confirmed candidate task", (t, job) -> {
				t.lifecycle.noteCandidateTask(job.id(), "task-" + job.id(), t.later());
				t.lifecycle.adoptTask(job.id(), "task-" + job.id(), t.later());
			}),
			route(JobStatus.OUTCOME_UNKNOWN, JobStatus.QUEUED, "the end of the grace (bulk)",
					(t, job) -> t.queue.requeueAfterGrace(t.clock.instant())),
			route(JobStatus.OUTCOME_UNKNOWN, JobStatus.QUEUED, "a transient failure, late within the grace",
					(t, job) -> t.lifecycle.requeue(job.id(), job.attempt(), t.later(), "HTTP 503")),
			route(JobStatus.OUTCOME_UNKNOWN, JobStatus.FAILED, "a rejected submission, late within the grace",
					(t, job) -> t.lifecycle.failSubmission(job.id(), job.attempt(),
							JobError.of(JobError.UPSTREAM_REJECTED, "bad ratio"))),
			route(JobStatus.SUBMITTED, JobStatus.RUNNING, "reported progress",
					(t, job) -> t.lifecycle.observeProgress(job.id(), "processing", t.later())),
			route(JobStatus.SUBMITTED, JobStatus.SUCCEEDED, "reported success",
					(t, job) -> t.lifecycle.succeed(job.id(), "success", "https://cdn.example/v.mp4", BigDecimal.ONE)),
			route(JobStatus.SUBMITTED, JobStatus.FAILED, "reported failure",
					(t, job) -> t.lifecycle.fail(job.id(), JobError.of(JobError.UPSTREAM_FAILED, "no"), "failed", null)),
			route(JobStatus.SUBMITTED, JobStatus.FAILED, "a lost task (404s in a row)", (t, job) -> {
				for (int i = 0; i < 3; i++) {
					t.lifecycle.observeNotFound(job.id(), 3, t.later());
				}
			}),
			route(JobStatus.RUNNING, JobStatus.SUCCEEDED, "reported success",
					(t, job) -> t.lifecycle.succeed(job.id(), "success", "https://cdn.example/v.mp4", BigDecimal.ONE)),
			route(JobStatus.RUNNING, JobStatus.FAILED, "reported failure",
					(t, job) -> t.lifecycle.fail(job.id(), JobError.of(JobError.TIMEOUT, "too slow"), null, null)));

	@Autowired
	JobLifecycle lifecycle;

	@Autowired
	JobQueue queue;

	@Autowired
	TestTeams teams;

	@Autowired
	TestJobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ApplicationEvents published;

	@Test
	void every_move_in_the_status_table_has_a_route_here() {
		Set<String> allowed = Arrays.stream(JobStatus.values())
			.flatMap(from -> Arrays.stream(JobStatus.values()).filter(from::canMoveTo).map(to -> from + ">" + to))
			.collect(Collectors.toSet());

		assertThat(ROUTES.stream().map(route -> route.from() + ">" + route.to()).collect(Collectors.toSet()))
			.isEqualTo(allowed);
	}

	@Test
	void accepting_a_job_records_and_publishes_its_first_status_once() {
		UUID job = jobs.accept(teams.create());

		assertThat(statusRows(job)).containsExactly("null>QUEUED");
		assertThat(publishedMoves(job)).containsExactly("null>QUEUED");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("routes")
	void each_move_records_one_history_row_and_publishes_one_event(Route route) {
		Subject job = reach(route.from());
		int rowsBefore = statusRows(job.id()).size();
		published.clear();

		route.move().apply(this, job);

		assertThat(status(job.id())).isEqualTo(route.to());
		List<String> rows = statusRows(job.id());
		assertThat(rows).hasSize(rowsBefore + 1).endsWith(route.from() + ">" + route.to());
		assertThat(publishedMoves(job.id())).containsExactly(route.from() + ">" + route.to());
	}

	static Stream<Route> routes() {
		return ROUTES.stream();
	}

	/** A fresh job brought to {@code status} through the transitions a real job takes. */
	private Subject reach(JobStatus status) {
		String team = teams.create();
		UUID job = jobs.accept(team);
		if (status == JobStatus.QUEUED) {
			return new Subject(job, team, 0);
		}
		int attempt = jobs.claim(job);
		switch (status) {
			case SUBMITTING -> {
			}
			case OUTCOME_UNKNOWN -> lifecycle.markOutcomeUnknown(job, attempt, "timeout", clock.instant());
			case SUBMITTED -> lifecycle.markSubmitted(job, attempt, "task-" + job, later());
			case RUNNING -> {
				lifecycle.markSubmitted(job, attempt, "task-" + job, later());
				lifecycle.observeProgress(job, "processing", later());
			}
			default -> throw new IllegalArgumentException("no route reaches " + status);
		}
		assertThat(status(job)).isEqualTo(status);
		return new Subject(job, team, attempt);
	}

	Instant later() {
		return clock.instant().plusSeconds(60);
	}

	private JobStatus status(UUID job) {
		return JobStatus.valueOf(jdbc.sql("SELECT status FROM job WHERE id = :id").param("id", job).query(String.class).single());
	}

	private List<String> statusRows(UUID job) {
		return jdbc.sql("""
				SELECT coalesce(from_status, 'null') || '>' || to_status FROM job_event
				 WHERE job_id = :id AND kind = 'STATUS_CHANGED' ORDER BY id""")
			.param("id", job)
			.query(String.class)
			.list();
	}

	private List<String> publishedMoves(UUID job) {
		return published.stream(JobStatusChanged.class)
			.filter(changed -> changed.jobId().equals(job))
			.map(changed -> changed.from() + ">" + changed.to())
			.toList();
	}

	private static Route route(JobStatus from, JobStatus to, String name, Move move) {
		return new Route(from, to, name, move);
	}

}
