package com.seedance.gateway.jobs.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.jobs.JobRequest;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /jobs}, bound by {@link CreateJobRequestConverter} and checked by
 * {@link JobRequestValidator}. A JSON {@code null} counts as absent for the optional fields.
 */
@ValidJobRequest
@Schema(name = "CreateJobRequest", description = "A video job. Unknown top-level fields and callback_url are refused.",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record CreateJobRequest(
		@Schema(description = "a configured model name (gateway.jobs.models); absent: the first of them", example = "seedance-2.0")
		@Nullable String model,
		@Schema(implementation = Object[].class, requiredMode = Schema.RequiredMode.REQUIRED) // an array, not the RawContent record
		@ArraySchema(minItems = 1, arraySchema = @Schema(
				description = "text and image_url items, stored and forwarded exactly as sent: at least one text item "
						+ "with non-blank text, at most 9 image items with absolute http(s) URLs, each @imageN names "
						+ "image N, the texts at most 10,000 characters together (gateway.jobs.max-text-length)"),
				schema = @Schema(type = "object", example = "{\"type\": \"text\", \"text\": \"The cat in @image1\"}"))
		@Nullable RawContent content,
		@Schema(allowableValues = { "5", "10", "15" }, defaultValue = "5") @Nullable Integer duration,
		@Schema(allowableValues = { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9" }, defaultValue = "16:9") @Nullable String ratio,
		@JsonProperty("notify_url") @Schema(format = "uri", maxLength = JobRequestValidator.MAX_NOTIFY_URL_LENGTH,
				description = "absolute http(s) URL told of the outcome; GATEWAY_NOTIFY_ALLOWED_HOSTS may restrict its host")
		@Nullable String notifyUrl,
		@Schema(maxProperties = JobRequestValidator.MAX_METADATA_KEYS,
				description = "flat string map echoed back: keys of 1-64 characters, values at most 1024")
		@Nullable Map<String, @Nullable String> metadata,
		@JsonAnySetter @Schema(hidden = true) Map<String, JsonNode> unknownFields) {

	static final List<Integer> DURATIONS = List.of(5, 10, 15);

	static final List<String> RATIOS = List.of("16:9", "9:16", "1:1", "4:3", "3:4", "21:9");

	CreateJobRequest {
		unknownFields = unknownFields == null ? Map.of() : unknownFields;
	}

	/** The request with the defaults filled in; only called once it is valid. */
	JobRequest toJobRequest(String defaultModel) {
		if (content == null) {
			throw new IllegalStateException("An invalid request reached the job");
		}
		return new JobRequest(model == null ? defaultModel : model, content.text(),
				duration == null ? DURATIONS.get(0) : duration, ratio == null ? RATIOS.get(0) : ratio,
				metadata == null ? Map.of() : Map.copyOf(metadata), notifyUrl);
	}

}
