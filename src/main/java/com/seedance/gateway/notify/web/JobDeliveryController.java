package com.seedance.gateway.notify.web;

import java.util.UUID;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.seedance.gateway.jobs.JobNotFound;
import com.seedance.gateway.jobs.JobRepository;
import com.seedance.gateway.notify.Deliveries;
import com.seedance.gateway.teams.TeamPrincipal;

@RestController
@Tag(name = "Jobs")
@SecurityRequirement(name = "teamKey")
@ApiResponse(responseCode = "401", description = "unauthorized: no, unknown or revoked key",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
class JobDeliveryController {

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final JobRepository jobs;

	private final Deliveries deliveries;

	JobDeliveryController(JobRepository jobs, Deliveries deliveries) {
		this.jobs = jobs;
		this.deliveries = deliveries;
	}

	@GetMapping("/jobs/{id}/deliveries")
	@Operation(summary = "The notifications of a job",
			description = "What was sent to the job's notify_url when it ended, and every try: empty while the job "
					+ "runs, or when it has no notify_url.")
	@ApiResponse(responseCode = "200", description = "The job's notifications (at most one) with every try")
	@ApiResponse(responseCode = "404", description = "not_found: no such job in the caller's team",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	DeliveryResponse.Items list(@AuthenticationPrincipal TeamPrincipal team, @PathVariable String id) {
		// like GET /jobs/{id}: a text that is not a job id names no job
		if (!UUID_TEXT.matcher(id).matches()) {
			throw new JobNotFound();
		}
		UUID jobId = UUID.fromString(id);
		if (!jobs.existsByIdAndTeamId(jobId, team.teamId())) {
			throw new JobNotFound(jobId);
		}
		return new DeliveryResponse.Items(deliveries.ofJob(jobId).stream().map(DeliveryResponse::of).toList());
	}

}
