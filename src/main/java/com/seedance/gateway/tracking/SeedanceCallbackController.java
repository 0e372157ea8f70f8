package com.seedance.gateway.tracking;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobEvents;
import com.seedance.gateway.jobs.JobRepository;
import com.seedance.gateway.jobs.JobStatus;
import com.seedance.gateway.shared.JobLogContext;
import com.seedance.gateway.shared.ProblemCodes;
import com.seedance.gateway.shared.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upstream's {@code callback_url}. The body is never trusted: it is kept in the job's history, and the
 * callback only prompts a query of the task, whose answer is what gets applied. Answered at once; the
 * query runs after the response.
 */
@Tag(name = "Upstream callback")
@RestController
class SeedanceCallbackController {

	static final String PATH_PREFIX = "/webhooks/seedance/";

	private static final Logger log = LoggerFactory.getLogger(SeedanceCallbackController.class);

	private final JobRepository jobs;

	private final JobEvents events;

	private final TaskCheck taskCheck;

	private final Executor executor;

	private final JsonMapper jsonMapper;

	SeedanceCallbackController(JobRepository jobs, JobEvents events, TaskCheck taskCheck,
			@Qualifier("applicationTaskExecutor") Executor executor, JsonMapper jsonMapper) {
		this.jobs = jobs;
		this.events = events;
		this.taskCheck = taskCheck;
		this.executor = executor;
		this.jsonMapper = jsonMapper;
	}

	@Operation(summary = "Called by the upstream when a task changes",
			description = "The token is the per-job secret of the callback URL the gateway sent. The body is "
					+ "recorded but not trusted: the gateway queries the task and applies what the query says.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "Whatever the upstream sends (its task "
			+ "status); kept in the job's events, never trusted",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")))
	@ApiResponse(responseCode = "202", description = "Received; the task will be queried")
	@ApiResponse(responseCode = "404", description = "not_found: no job has this token; nothing changes")
	@PostMapping(PATH_PREFIX + "{token}")
	ResponseEntity<Void> callback(@PathVariable String token, @RequestBody(required = false) @Nullable String body) {
		Job job = jobs.findByCallbackTokenHash(CallbackTokens.hash(token)).orElseThrow(UnknownCallbackToken::new);
		UUID jobId = job.id();
		String teamId = job.teamId();
		try (JobLogContext context = JobLogContext.open(jobId, teamId)) {
			log.debug("Callback received for job {}", jobId);
			events.recordCallback(jobId, body);
			Optional<String> taskIdHint = taskIdIn(body);
			executor.execute(() -> followUp(jobId, teamId, taskIdHint));
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

	/** Runs on the executor's thread, so the job's log context is opened here. */
	private void followUp(UUID jobId, String teamId, Optional<String> taskIdHint) {
		try (JobLogContext context = JobLogContext.open(jobId, teamId)) {
			try {
				Job job = jobs.findById(jobId).orElseThrow();
				if (job.status().hasUpstreamTask()) {
					taskCheck.check(jobId, job.upstreamTaskId(), job.submittedAt(), job.checks());
				}
				else if ((job.status() == JobStatus.SUBMITTING || job.status() == JobStatus.OUTCOME_UNKNOWN)
						&& taskIdHint.isPresent()) {
					taskCheck.candidateRevealed(jobId, taskIdHint.get());
				}
			}
			catch (RuntimeException ex) {
				log.warn("Following up a callback for job {} failed; the poller will check it", jobId, ex);
			}
		}
	}

	/** The task id the body claims, to be confirmed by a query: {@code task_id} at the top or under {@code data}. */
	private Optional<String> taskIdIn(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return Optional.empty();
		}
		try {
			JsonNode root = jsonMapper.readTree(body);
			JsonNode taskId = root.path("task_id").isString() ? root.path("task_id") : root.path("data").path("task_id");
			return taskId.isString() && !taskId.asString().isBlank() ? Optional.of(taskId.asString()) : Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	static class UnknownCallbackToken extends ProblemException {

		UnknownCallbackToken() {
			super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "No job has this callback token.");
		}

	}

}
