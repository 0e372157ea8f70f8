package com.seedance.gateway.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.seedance.gateway.jobs.JobIds;
import com.seedance.gateway.teams.TeamPrincipal;

@RestController
@Tag(name = "Jobs")
@SecurityRequirement(name = "teamKey")
class JobStreamController {

	private final JobStreams streams;

	JobStreamController(JobStreams streams) {
		this.streams = streams;
	}

	@GetMapping(path = "/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Follow a job's status live",
			description = """
					Server-sent events. First a `status` event with the job as it is now (the body of GET /jobs/{id}), \
					then a `status` event on every change, whichever gateway instance made it; after a terminal status \
					an `end` event, and the stream closes. Each `status` event's `id` is the job's version: reconnect \
					with `Last-Event-ID` and the job is sent again only if it changed since. A `:heartbeat` comment \
					line comes every 15 seconds (gateway.streams.heartbeat).""")
	@ApiResponse(responseCode = "200", description = "The event stream",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
	@ApiResponse(responseCode = "404", description = "not_found: no such job, or another team's",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "unavailable: this instance holds as many streams as it may (Retry-After)",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<SseEmitter> events(@AuthenticationPrincipal TeamPrincipal team, @PathVariable String id,
			@RequestHeader(name = "Last-Event-ID", required = false) @Parameter(description = "the id of the last event received") @Nullable String lastEventId) {
		SseEmitter emitter = streams.open(team.teamId(), JobIds.parse(id), lastEventId);
		// reverse proxies (nginx) must pass each event on at once instead of buffering the response
		return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter);
	}

}
