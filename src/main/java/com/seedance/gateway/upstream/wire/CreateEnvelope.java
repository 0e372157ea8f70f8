package com.seedance.gateway.upstream.wire;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"code":0,"message":"ok","data":{"task_id":"…"}}} */
@JsonIgnoreProperties(ignoreUnknown = true)
record CreateEnvelope(@Nullable Integer code, @Nullable String message, @Nullable Data data) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Data(@JsonProperty("task_id") @Nullable String taskId) {
	}

}
