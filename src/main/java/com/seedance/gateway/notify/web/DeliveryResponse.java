package com.seedance.gateway.notify.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.notify.Deliveries.Attempt;
import com.seedance.gateway.notify.Deliveries.Delivery;

/**
 * A notification of a job's end and every try to deliver it. Every key is always present, {@code null} when not
 * (yet) known; times are ISO-8601 UTC.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeliveryResponse(
		UUID id,
		@JsonProperty("job_id") UUID jobId,
		String team,
		@JsonProperty("event_type") @Schema(allowableValues = { "job.succeeded", "job.failed", "job.cancelled" }) String eventType,
		@JsonProperty("webhook_id") @Schema(description = "the webhook-id header, the same on every try and redelivery") String webhookId,
		String url,
		@Schema(allowableValues = { "pending", "delivered", "failed" }) String status,
		@JsonProperty("next_attempt_at") @Schema(description = "when it is tried next; null unless pending") @Nullable Instant nextAttemptAt,
		@JsonProperty("last_error") @Schema(description = "why the last try failed, or why it waits or was refused") @Nullable String lastError,
		@JsonProperty("created_at") Instant createdAt,
		@JsonProperty("delivered_at") @Nullable Instant deliveredAt,
		@Schema(description = "every try, oldest first") List<AttemptResponse> attempts) {

	static DeliveryResponse of(Delivery delivery) {
		return new DeliveryResponse(delivery.id(), delivery.jobId(), delivery.teamId(), delivery.eventType(),
				delivery.webhookId(), delivery.url(), delivery.status().wireName(), delivery.nextAttemptAt(),
				delivery.lastError(), delivery.createdAt(), delivery.deliveredAt(),
				delivery.tries().stream().map(AttemptResponse::of).toList());
	}

	/** One try: the receiver's HTTP status (null when none came back), how long it took, what went wrong. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record AttemptResponse(Instant at, @JsonProperty("http_status") @Nullable Integer httpStatus,
			@JsonProperty("duration_ms") long durationMs, @Nullable String error) {

		static AttemptResponse of(Attempt attempt) {
			return new AttemptResponse(attempt.at(), attempt.httpStatus(), attempt.durationMs(), attempt.error());
		}

	}

	/** A page of deliveries, newest first; {@code next_cursor} is null on the last page. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	@Schema(name = "DeliveryPage") // every Page record would be one schema "Page"
	record Page(List<DeliveryResponse> items,
			@JsonProperty("next_cursor") @Schema(description = "pass as cursor= for the next page; null on the last page") @Nullable String nextCursor) {
	}

	/** The deliveries of one job. */
	@Schema(name = "JobDeliveries")
	record Items(List<DeliveryResponse> items) {
	}

}
