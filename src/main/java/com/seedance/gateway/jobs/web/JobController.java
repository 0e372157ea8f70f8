package com.seedance.gateway.jobs.web;

import java.net.URI;
import java.util.function.Function;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import com.seedance.gateway.jobs.Acceptance;
import com.seedance.gateway.jobs.IdempotencyKey;
import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobIds;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobNotFound;
import com.seedance.gateway.jobs.JobResponse;
import com.seedance.gateway.jobs.JobViews;
import com.seedance.gateway.jobs.JobsProperties;
import com.seedance.gateway.shared.JobLogContext;
import com.seedance.gateway.shared.Problems;
import com.seedance.gateway.teams.TeamPrincipal;

@RestController
@RequestMapping("/jobs")
@Tag(name = "Jobs", description = "A team's video jobs. Everything is scoped to the calling key's team.")
@SecurityRequirement(name = "teamKey")
@ApiResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED,
		content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
class JobController {

	static final String REPLAYED = "Idempotent-Replayed";

	private final JobsProperties properties;

	private final JobLifecycle lifecycle;

	private final JobViews views;

	JobController(JobsProperties properties, JobLifecycle lifecycle, JobViews views) {
		this.properties = properties;
		this.lifecycle = lifecycle;
		this.views = views;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create a job", description = "Validates the request and queues the job; the content items reach the upstream exactly as sent.")
	@Parameter(name = IdempotencyKeyHeader.NAME, in = ParameterIn.HEADER, required = false,
			schema = @Schema(type = "string", minLength = 1, maxLength = IdempotencyKeyHeader.MAX_LENGTH, pattern = "^[!-~]+$"),
			description = "Optional; " + IdempotencyKeyHeader.RULE + ". Scoped to the team and kept at least 24 hours "
					+ "(gateway.jobs.idempotency-retention). A repeat with the same key and the same body (equal as JSON: "
					+ "key order, whitespace and number spelling do not matter) answers 200 with the original job and "
					+ "Idempotent-Replayed: true, creating, reserving and counting nothing; the same key with another body "
					+ "is 409 idempotency_conflict. A refused request (4xx) does not use its key.")
	@ApiResponse(responseCode = "202", description = "Accepted; Location: /jobs/{id}")
	@ApiResponse(responseCode = "200", description = "Replayed: the job an earlier request with the same Idempotency-Key and body created; "
			+ "Location: /jobs/{id}, Idempotent-Replayed: true",
			headers = @Header(name = JobController.REPLAYED, description = "true", schema = @Schema(type = "string", allowableValues = "true")))
	@ApiResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST + "; also a malformed Idempotency-Key (field Idempotency-Key)",
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "idempotency_conflict: the Idempotency-Key was used with a different body",
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "payload_too_large: body over 1 MiB",
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "unsupported_media_type: the body must be application/json",
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429", description = "quota_exceeded: a quota of the team (daily_jobs, monthly_credits) "
			+ "or the gateway's monthly cap (global_monthly_credits) refuses the job; limit and resets_at say which and "
			+ "until when, Retry-After how long to wait when waiting helps")
	ResponseEntity<JobResponse> create(@AuthenticationPrincipal TeamPrincipal team,
			@Valid @RequestBody CreateJobRequest request, WebRequest webRequest) {
		@Nullable IdempotencyKey key = IdempotencyKeyHeader.read(webRequest);
		Acceptance accepted = lifecycle.accept(team.teamId(), request.toJobRequest(properties.defaultModel()), key);
		Job job = accepted.job();
		JobLogContext.nameCreatedJob(job.id());
		URI location = URI.create("/jobs/" + job.id());
		if (accepted.replayed()) {
			return ResponseEntity.ok().location(location).header(REPLAYED, "true").body(JobResponse.of(job));
		}
		return ResponseEntity.accepted().location(location).body(JobResponse.of(job));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a job", description = "Answers with an ETag (the version of the job, which changes with every "
			+ "change of it) and Cache-Control: no-cache, private. A client that sends the ETag it has in If-None-Match (or *) "
			+ "gets 304 Not Modified, without a body, while the job is unchanged.")
	@ApiResponse(responseCode = "200", description = "The job",
			headers = { @Header(name = HttpHeaders.ETAG, description = "W/\"<version>\": the job's version, new with every change",
					schema = @Schema(type = "string", example = "W/\"3\"")),
					@Header(name = HttpHeaders.CACHE_CONTROL, description = "no-cache, private: store only in the client, and revalidate",
							schema = @Schema(type = "string")) })
	@ApiResponse(responseCode = "304", description = "Not Modified: the job is still the one If-None-Match names; no body",
			content = @Content,
			headers = @Header(name = HttpHeaders.ETAG, description = "the job's ETag", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND,
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<JobResponse> get(@AuthenticationPrincipal TeamPrincipal team, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
			@Parameter(description = "ETags of the job the client has, or *: 304 while the job is unchanged",
					schema = @Schema(type = "string", example = "W/\"3\"")) @Nullable String ifNoneMatch) {
		var jobId = JobIds.parse(id);
		JobViews.Versioned found = views.find(team.teamId(), jobId).orElseThrow(() -> new JobNotFound(jobId));
		String etag = etag(found.version());
		CacheControl revalidate = CacheControl.noCache().cachePrivate();
		if (ifNoneMatch != null && ETag.parse(ifNoneMatch).stream().anyMatch(ETag::isWildcard)) {
			// "*": any current representation matches (RFC 9110, 13.1.2); Spring's check leaves it to unsafe methods
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(revalidate).build();
		}
		// Spring MVC answers 304 without a body (keeping these headers) when If-None-Match names the ETag
		return ResponseEntity.ok().eTag(etag).cacheControl(revalidate).body(found.job());
	}

	/** Weak: the same version is the same job, though a later gateway may write it with other bytes. */
	static String etag(long version) {
		return "W/\"" + version + "\"";
	}

	@GetMapping
	@Operation(summary = "List the team's jobs", description = "Newest first. Pass next_cursor back as cursor for the next page; jobs created meanwhile do not shift later pages.")
	@ApiResponse(responseCode = "200", description = "One page of jobs")
	@ApiResponse(responseCode = "400", description = "validation_failed: bad status, limit or cursor",
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	JobPage<JobResponse> list(@AuthenticationPrincipal TeamPrincipal team,
			@RequestParam(required = false) @Parameter(description = "queued, submitted, running, succeeded, failed or cancelled") @Nullable String status,
			@RequestParam(required = false) @Parameter(description = "1-100, default 20") @Nullable String limit,
			@RequestParam(required = false) @Parameter(description = "next_cursor of the previous page") @Nullable String cursor) {
		ListParameters parameters = ListParameters.read(status, limit, cursor);
		parameters.check();
		return JobPage.of(views.list(team.teamId(), parameters.statuses(), parameters.cursor(), parameters.limit()),
				Function.identity());
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a queued job")
	@ApiResponse(responseCode = "200", description = "The cancelled job")
	@ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND,
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "conflict: the job is no longer queued",
			content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	JobResponse cancel(@AuthenticationPrincipal TeamPrincipal team, @PathVariable String id) {
		return JobResponse.of(lifecycle.cancel(team.teamId(), JobIds.parse(id)));
	}

	/** Like the shared advice's problem answer, plus the {@code errors} naming the fields of the wrong type. */
	@ExceptionHandler(MalformedJobRequest.class)
	ResponseEntity<ProblemDetail> malformed(MalformedJobRequest ex) {
		ProblemDetail problem = Problems.of(ex);
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		return ResponseEntity.status(ex.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
