package com.seedance.gateway.jobs;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.jobs.*}: the model names a job may ask for ({@code models}, comma-separated; the default model
 * is {@code default-model}, or the first listed when unset) and how many characters the texts of one job may
 * have together ({@code max-text-length}).
 */
@ConfigurationProperties("gateway.jobs")
public record JobsProperties(@DefaultValue("seedance-2.0") List<String> models, @Nullable String defaultModel,
		@DefaultValue("10000") int maxTextLength) {

	public JobsProperties {
		models = models.stream().map(String::trim).filter(model -> !model.isEmpty()).toList();
		if (models.isEmpty()) {
			throw new IllegalArgumentException("gateway.jobs.models must name at least one model");
		}
		if (defaultModel != null && !models.contains(defaultModel)) {
			throw new IllegalArgumentException(
					"gateway.jobs.default-model '" + defaultModel + "' is not one of gateway.jobs.models " + models);
		}
		if (maxTextLength < 1) {
			throw new IllegalArgumentException("gateway.jobs.max-text-length must be positive");
		}
	}

	/** The model of a request that names none. */
	public String modelWhenAbsent() {
		return defaultModel != null ? defaultModel : models.get(0);
	}

}
