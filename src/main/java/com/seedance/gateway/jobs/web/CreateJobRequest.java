package com.seedance.gateway.jobs.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /jobs}, for the OpenAPI document only: the controller reads the body itself (see
 * {@link JobRequestReader}) so that the content items keep their exact text.
 */
@Schema(name = "CreateJobRequest", description = "A video job. Unknown top-level fields and callback_url are refused.")
record CreateJobRequest(
		@Schema(description = "a configured model name", defaultValue = "seedance-2.0") String model,
		@ArraySchema(minItems = 1, arraySchema = @Schema(description = "text and image_url items, forwarded exactly as sent; at least one non-blank text, at most 9 images, @imageN names image N, texts at most 10,000 characters together"),
				schema = @Schema(type = "object", example = "{\"type\": \"text\", \"text\": \"The cat in @image1\"}")) List<Map<String, Object>> content,
		@Schema(allowableValues = { "5", "10", "15" }, defaultValue = "5") Integer duration,
		@Schema(allowableValues = { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9" }, defaultValue = "16:9") String ratio,
		@JsonProperty("notify_url") @Schema(description = "absolute http(s) URL told of the outcome; may be restricted by GATEWAY_NOTIFY_ALLOWED_HOSTS") String notifyUrl,
		@Schema(description = "flat string map echoed back: at most 16 keys of 1-64 characters, values at most 1024") Map<String, String> metadata) {
}
