package com.seedance.gateway.jobs;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A validated job request. {@code contentJson} is the content array exactly as the client sent it: it is
 * stored and forwarded as this text, so no item gains, loses or reorders a field.
 */
public record JobRequest(String model, String contentJson, int duration, String ratio, Map<String, String> metadata,
		@Nullable String notifyUrl) {

	public JobRequest {
		metadata = Map.copyOf(metadata);
	}

}
