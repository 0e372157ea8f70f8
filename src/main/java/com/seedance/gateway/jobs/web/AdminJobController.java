package com.seedance.gateway.jobs.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.seedance.gateway.jobs.JobHistory;

@RestController
@Tag(name = "Admin: jobs", description = "Job history across teams, for operators.")
@SecurityRequirement(name = "adminToken")
class AdminJobController {

	private final JobHistory history;

	AdminJobController(JobHistory history) {
		this.history = history;
	}

	@GetMapping("/admin/jobs")
	@Operation(summary = "List jobs across teams", description = "Newest first, paged like GET /jobs; each job also shows its team and upstream_task_id.")
	@ApiResponse(responseCode = "200", description = "One page of jobs")
	@ApiResponse(responseCode = "400", description = "validation_failed: bad status, from, to, limit or cursor",
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "unauthorized: not the admin token",
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	JobPage<AdminJobResponse> list(
			@RequestParam(required = false) @Parameter(description = "a team id") @Nullable String team,
			@RequestParam(required = false) @Parameter(description = "queued, submitted, running, succeeded, failed or cancelled") @Nullable String status,
			@RequestParam(required = false) @Parameter(description = "created at or after this ISO-8601 instant") @Nullable String from,
			@RequestParam(required = false) @Parameter(description = "created before this ISO-8601 instant") @Nullable String to,
			@RequestParam(required = false) @Parameter(description = "1-100, default 20") @Nullable String limit,
			@RequestParam(required = false) @Parameter(description = "next_cursor of the previous page") @Nullable String cursor) {
		ListParameters parameters = ListParameters.read(status, limit, cursor);
		Instant fromInstant = parameters.instant("from", from);
		Instant toInstant = parameters.instant("to", to);
		parameters.check();
		JobHistory.Filter filter = new JobHistory.Filter(team == null || team.isEmpty() ? null : team,
				parameters.statuses(), fromInstant, toInstant);
		return JobPage.of(history.find(filter, parameters.cursor(), parameters.limit()), AdminJobResponse::of);
	}

}
