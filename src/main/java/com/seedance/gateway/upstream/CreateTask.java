package com.seedance.gateway.upstream;

import org.jspecify.annotations.Nullable;

/**
 * One generation task to create upstream.
 *
 * @param model the model name, e.g. {@code seedance-2.0}
 * @param contentJson the content items as the exact JSON array text the client sent; it is put into the
 * request body verbatim, never parsed and written again
 * @param duration video length in seconds (5, 10 or 15)
 * @param ratio aspect ratio, e.g. {@code 16:9}
 * @param callbackUrl where the upstream should call back when the task finishes; null sends no
 * {@code callback_url}
 */
public record CreateTask(String model, String contentJson, int duration, String ratio, @Nullable String callbackUrl) {

	public CreateTask {
		String trimmed = contentJson.strip();
		if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
			throw new IllegalArgumentException("contentJson must be a JSON array");
		}
	}

	@Override
	public String toString() {
		return "CreateTask[model=" + model + ", duration=" + duration + ", ratio=" + ratio + ", contentChars="
				+ contentJson.length() + ", callbackUrl=" + (callbackUrl == null ? "(none)" : "(set)") + "]";
	}

}
