package com.seedance.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The Job aggregate and its states, without a database. */
class JobTests {

	private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

	private static final Map<JobStatus, Set<JobStatus>> ALLOWED = Map.of(
			JobStatus.QUEUED, EnumSet.of(JobStatus.SUBMITTING, JobStatus.CANCELLED),
			JobStatus.SUBMITTING, EnumSet.of(JobStatus.SUBMITTED, JobStatus.QUEUED, JobStatus.OUTCOME_UNKNOWN, JobStatus.FAILED),
			JobStatus.OUTCOME_UNKNOWN, EnumSet.of(JobStatus.SUBMITTED, JobStatus.QUEUED, JobStatus.FAILED),
			JobStatus.SUBMITTED, EnumSet.of(JobStatus.RUNNING, JobStatus.SUCCEEDED, JobStatus.FAILED),
			JobStatus.RUNNING, EnumSet.of(JobStatus.SUCCEEDED, JobStatus.FAILED),
			JobStatus.SUCCEEDED, EnumSet.noneOf(JobStatus.class),
			JobStatus.FAILED, EnumSet.noneOf(JobStatus.class),
			JobStatus.CANCELLED, EnumSet.noneOf(JobStatus.class));

	static Stream<Arguments> every_pair_of_statuses() {
		return Stream.of(JobStatus.values())
			.flatMap(from -> Stream.of(JobStatus.values()).map(to -> Arguments.of(from, to)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("every_pair_of_statuses")
	void a_status_moves_only_along_the_allowed_transitions(JobStatus from, JobStatus to) {
		assertThat(from.canMoveTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
	}

	@ParameterizedTest
	@EnumSource(names = { "SUCCEEDED", "FAILED", "CANCELLED" })
	void terminal_statuses_never_change_and_hold_no_upstream_slot(JobStatus status) {
		assertThat(status.isTerminal()).isTrue();
		assertThat(EnumSet.allOf(JobStatus.class)).noneMatch(status::canMoveTo);
		assertThat(status.isInFlight()).isFalse();
	}

	@Test
	void the_in_flight_statuses_are_those_that_may_hold_an_upstream_task() {
		assertThat(JobStatus.inFlightSqlList()).isEqualTo("('SUBMITTING', 'OUTCOME_UNKNOWN', 'SUBMITTED', 'RUNNING')");
	}

	@Test
	void clients_see_the_internal_submission_states_as_queued() {
		assertThat(JobStatus.SUBMITTING.toClient()).isEqualTo(ClientStatus.QUEUED);
		assertThat(JobStatus.OUTCOME_UNKNOWN.toClient()).isEqualTo(ClientStatus.QUEUED);
		assertThat(ClientStatus.QUEUED.internalStatuses())
			.containsExactlyInAnyOrder(JobStatus.QUEUED, JobStatus.SUBMITTING, JobStatus.OUTCOME_UNKNOWN);
	}

	@Test
	void an_accepted_job_is_queued_and_due_at_once() {
		Job job = accepted();

		assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
		assertThat(job.createdAt()).isEqualTo(NOW);
		assertThat(job.updatedAt()).isEqualTo(NOW);
	}

	@Test
	void a_queued_job_can_be_cancelled_once() {
		Job job = accepted();

		job.cancel(NOW.plusSeconds(1));

		assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
		assertThat(job.completedAt()).isEqualTo(NOW.plusSeconds(1));
		assertThatThrownBy(() -> job.cancel(NOW.plusSeconds(2))).isInstanceOf(JobNotCancellable.class);
	}

	@Test
	void upstream_facts_about_a_job_that_was_never_submitted_change_nothing() {
		Job job = accepted();

		assertThat(job.markSubmitted("task", NOW, NOW)).isFalse();
		assertThat(job.observeProgress("processing", NOW, NOW)).isFalse();
		assertThat(job.succeed("success", "https://v", BigDecimal.ONE, NOW)).isFalse();
		assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
	}

	@Test
	void a_cancelled_job_ignores_late_upstream_facts() {
		Job job = accepted();
		job.cancel(NOW);

		assertThat(job.fail(JobError.of(JobError.TIMEOUT, "late"), null, null, NOW)).isFalse();
		assertThat(job.requeue(NOW, "late", NOW)).isFalse();
		assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
		assertThat(job.error()).isNull();
	}

	private static Job accepted() {
		return Job.accept(UUID.randomUUID(), "team",
				new JobRequest("seedance-2.0", "[{\"type\":\"text\",\"text\":\"a cat\"}]", 5, "16:9", Map.of(), null), NOW);
	}

}
