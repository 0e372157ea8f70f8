package com.seedance.gateway.jobs.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobRepository;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.jobs.OrphanedTasks;
import com.seedance.gateway.jobs.OrphanedTasks.OrphanedTask;

/**
 * What the gateway cannot be sure of upstream, for operators reconciling the bill: submissions whose outcome
 * is unknown, and tasks the upstream created that no job owns.
 */
@RestController
@RequestMapping("/admin/upstream")
@Tag(name = "Admin: upstream reconciliation")
@SecurityRequirement(name = "adminToken")
@ApiResponse(responseCode = "401", description = "unauthorized: not the admin token",
		content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
class AdminUpstreamController {

	private static final int MAX_ITEMS = 1000;

	private final JobRepository jobs;

	private final OrphanedTasks orphanedTasks;

	AdminUpstreamController(JobRepository jobs, OrphanedTasks orphanedTasks) {
		this.jobs = jobs;
		this.orphanedTasks = orphanedTasks;
	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record UnknownOutcome(@JsonProperty("job_id") UUID jobId, String team, int attempt,
			@JsonProperty("since") Instant since, @JsonProperty("grace_ends_at") @Nullable Instant graceEndsAt,
			@JsonProperty("candidate_task_id") @Nullable String candidateTaskId) {

		static UnknownOutcome of(Job job) {
			return new UnknownOutcome(job.id(), job.teamId(), job.submitAttempts(), job.updatedAt(), job.nextAttemptAt(),
					job.candidateTaskId());
		}

	}

	record Orphan(@JsonProperty("upstream_task_id") String upstreamTaskId, @JsonProperty("job_id") UUID jobId,
			String team, int attempt, @JsonProperty("found_at") Instant foundAt) {

		static Orphan of(OrphanedTask task) {
			return new Orphan(task.upstreamTaskId(), task.jobId(), task.teamId(), task.attempt(), task.foundAt());
		}

	}

	record Items<T>(List<T> items) {
	}

	@GetMapping("/unknown-outcomes")
	@Operation(summary = "Jobs waiting on an unknown submission outcome",
			description = "A submission that may or may not have created an upstream task (a timeout or a broken "
					+ "connection mid-call, or an instance that died mid-call). Each waits until grace_ends_at for a "
					+ "callback to reveal its task; a candidate_task_id is a task a callback named that a query has "
					+ "not yet confirmed, and while it is set the job is never submitted again. Oldest first.")
	@ApiResponse(responseCode = "200", description = "The jobs, oldest first (at most 1000)")
	Items<UnknownOutcome> unknownOutcomes(
			@RequestParam(defaultValue = "100") @Parameter(description = "1-1000, default 100") @Min(1) @Max(MAX_ITEMS) int limit) {
		return new Items<>(jobs.findByStatusOrderByUpdatedAtAscIdAsc(JobStatus.OUTCOME_UNKNOWN, Limit.of(limit))
			.stream()
			.map(UnknownOutcome::of)
			.toList());
	}

	@GetMapping("/orphaned-tasks")
	@Operation(summary = "Upstream tasks no job owns",
			description = "Tasks the upstream accepted for a submission whose job had already moved on (submitted "
					+ "again after an unknown outcome, or cancelled). The upstream may bill them. Newest first.")
	@ApiResponse(responseCode = "200", description = "The tasks, newest first (at most 1000)")
	Items<Orphan> orphanedTasks(
			@RequestParam(defaultValue = "100") @Parameter(description = "1-1000, default 100") @Min(1) @Max(MAX_ITEMS) int limit) {
		return new Items<>(orphanedTasks.newest(limit).stream().map(Orphan::of).toList());
	}

}
