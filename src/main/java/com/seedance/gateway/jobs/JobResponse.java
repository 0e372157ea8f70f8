package com.seedance.gateway.jobs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

/**
 * A job as clients see it, in {@code GET /jobs/{id}} and wherever the job is shown to them: the {@code data} of its
 * notifications and of its live status events. Every key is always present, {@code null} when not (yet) known;
 * {@code content} is the stored text of the request's content array, written verbatim; {@code consumed} is a
 * decimal string with six decimals; times are ISO-8601 UTC.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobResponse(
		UUID id,
		@Schema(allowableValues = { "queued", "submitted", "running", "succeeded", "failed", "cancelled" }) String status,
		String model,
		int duration,
		String ratio,
		@JsonRawValue @Schema(implementation = Object[].class) // an array, not the string it is stored as
		@ArraySchema(schema = @Schema(type = "object", description = "a content item, exactly as sent")) String content,
		Map<String, String> metadata,
		@JsonProperty("notify_url") @Nullable String notifyUrl,
		@JsonProperty("video_url") @Nullable String videoUrl,
		@Schema(example = "0.500000") @Nullable String consumed,
		@Nullable ErrorBody error,
		@JsonProperty("created_at") Instant createdAt,
		@JsonProperty("submitted_at") @Nullable Instant submittedAt,
		@JsonProperty("completed_at") @Nullable Instant completedAt,
		@JsonProperty("updated_at") Instant updatedAt) {

	public static JobResponse of(Job job) {
		return new JobResponse(job.id(), job.status().toClient().wireName(), job.model(), job.duration(), job.ratio(),
				job.contentJson(), job.metadata(), job.notifyUrl(), job.videoUrl(), credits(job.consumed()),
				job.error() == null ? null : ErrorBody.of(job.error()), job.createdAt(), job.submittedAt(),
				job.completedAt(), job.updatedAt());
	}

	static @Nullable String credits(@Nullable BigDecimal consumed) {
		return consumed == null ? null : consumed.setScale(6, RoundingMode.HALF_EVEN).toPlainString();
	}

	/** Why a job failed. */
	public record ErrorBody(@Schema(example = "upstream_failed") String code, String message) {

		static ErrorBody of(JobError error) {
			return new ErrorBody(error.code(), error.message());
		}

	}

}
