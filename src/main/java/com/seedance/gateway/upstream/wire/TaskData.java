package com.seedance.gateway.upstream.wire;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A task as the query reports it; {@code consumed} is a decimal string. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TaskData(@JsonProperty("task_id") @Nullable String taskId, @Nullable String status, @Nullable Result result,
		@Nullable String consumed, @JsonProperty("status_reason") @Nullable StatusReason statusReason,
		@JsonProperty("created_at") @Nullable String createdAt) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Result(@Nullable String video) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record StatusReason(@Nullable String message) {
	}

}
