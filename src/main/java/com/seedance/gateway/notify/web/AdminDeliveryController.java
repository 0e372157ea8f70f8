package com.seedance.gateway.notify.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.seedance.gateway.notify.Deliveries;
import com.seedance.gateway.notify.Deliveries.Delivery;
import com.seedance.gateway.notify.DeliveryNotFound;
import com.seedance.gateway.notify.DeliveryStatus;
import com.seedance.gateway.shared.FieldViolation;
import com.seedance.gateway.shared.ValidationFailed;

@RestController
@RequestMapping("/admin/deliveries")
@Tag(name = "Admin: notifications", description = "Operator API: the webhook notifications of jobs' ends, every try, redelivery.")
@SecurityRequirement(name = "adminToken")
@ApiResponse(responseCode = "401", description = "unauthorized: not the admin token",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
class AdminDeliveryController {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final Deliveries deliveries;

	private final Clock clock;

	AdminDeliveryController(Deliveries deliveries, Clock clock) {
		this.deliveries = deliveries;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "List notifications", description = "Newest first, each with every try. Pass next_cursor "
			+ "back as cursor for the next page.")
	@ApiResponse(responseCode = "200", description = "One page of notifications")
	@ApiResponse(responseCode = "400", description = "validation_failed: bad status, job, limit or cursor",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	DeliveryResponse.Page list(
			@RequestParam(required = false) @Parameter(description = "pending, delivered or failed") @Nullable String status,
			@RequestParam(required = false) @Parameter(description = "a team id") @Nullable String team,
			@RequestParam(required = false) @Parameter(description = "a job id") @Nullable String job,
			@RequestParam(required = false) @Parameter(description = "1-100, default 20") @Nullable String limit,
			@RequestParam(required = false) @Parameter(description = "next_cursor of the previous page") @Nullable String cursor) {
		List<FieldViolation> errors = new ArrayList<>();
		DeliveryStatus statusFilter = null;
		if (status != null && !status.isEmpty()) {
			Optional<DeliveryStatus> found = DeliveryStatus.fromWireName(status);
			if (found.isEmpty()) {
				errors.add(new FieldViolation("status", "must be one of pending, delivered, failed"));
			}
			statusFilter = found.orElse(null);
		}
		UUID jobId = uuid("job", job, "must be a job id", errors);
		UUID before = uuid("cursor", cursor, "is not a cursor from a previous page", errors);
		int size = limit(limit, errors);
		if (!errors.isEmpty()) {
			throw new ValidationFailed(errors);
		}
		List<Delivery> page = deliveries.newest(
				new Deliveries.Filter(statusFilter, team == null || team.isEmpty() ? null : team, jobId), before, size);
		String next = page.size() == size ? page.get(page.size() - 1).id().toString() : null;
		return new DeliveryResponse.Page(page.stream().map(DeliveryResponse::of).toList(), next);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Show a notification with every try")
	@ApiResponse(responseCode = "200", description = "The notification")
	@ApiResponse(responseCode = "400", description = "validation_failed: the id is not a delivery id",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "not_found: no such notification",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	DeliveryResponse get(@PathVariable String id) {
		UUID deliveryId = pathId(id);
		return deliveries.find(deliveryId).map(DeliveryResponse::of).orElseThrow(() -> new DeliveryNotFound(deliveryId));
	}

	@PostMapping("/{id}/redeliver")
	@Operation(summary = "Send a notification again",
			description = "Whatever its status: the same body and webhook-id (receivers deduplicate by it), a fresh "
					+ "retry schedule, the first try due now. Signed with the team's secrets of the moment.")
	@ApiResponse(responseCode = "202", description = "Scheduled; the notification as it is now")
	@ApiResponse(responseCode = "400", description = "validation_failed: the id is not a delivery id",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "not_found: no such notification",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<DeliveryResponse> redeliver(@PathVariable String id) {
		UUID deliveryId = pathId(id);
		Delivery delivery = deliveries.redeliver(deliveryId, clock.instant())
			.orElseThrow(() -> new DeliveryNotFound(deliveryId));
		return ResponseEntity.accepted().body(DeliveryResponse.of(delivery));
	}

	private static UUID pathId(String id) {
		List<FieldViolation> errors = new ArrayList<>();
		UUID parsed = uuid("id", id, "must be a delivery id", errors);
		if (parsed == null) {
			throw new ValidationFailed(errors);
		}
		return parsed;
	}

	private static @Nullable UUID uuid(String field, @Nullable String value, String message, List<FieldViolation> errors) {
		if (value == null || value.isEmpty()) {
			if (field.equals("id")) {
				errors.add(new FieldViolation(field, message));
			}
			return null;
		}
		if (!UUID_TEXT.matcher(value).matches()) {
			errors.add(new FieldViolation(field, message));
			return null;
		}
		return UUID.fromString(value);
	}

	private static int limit(@Nullable String limit, List<FieldViolation> errors) {
		if (limit == null || limit.isEmpty()) {
			return DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(new FieldViolation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
		return DEFAULT_LIMIT;
	}

}
