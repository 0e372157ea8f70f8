package com.seedance.gateway.upstream;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code seedance.*}: where the upstream is and how to reach it. Bound from {@code SEEDANCE_BASE_URL},
 * {@code SEEDANCE_API_KEY}, {@code SEEDANCE_SANDBOX} (relaxed binding) or the same properties.
 *
 * @param baseUrl the upstream's base URL; ignored when {@code sandbox} is true
 * @param apiKey the shared upstream key; a secret, redacted by {@link #toString()}
 * @param sandbox serve the built-in simulator under {@code /sandbox} and talk to it instead of the upstream
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param responseTimeout how long to wait for the response once the request was sent
 * @param sandboxSettings how the simulator behaves ({@code seedance.sandbox-settings.*})
 */
@ConfigurationProperties("seedance")
@Validated
public record SeedanceProperties(@DefaultValue("https://api.defapi.org") @NotNull URI baseUrl,
		@Nullable String apiKey, @DefaultValue("false") boolean sandbox,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("30s") @NotNull Duration responseTimeout,
		@DefaultValue @Valid @NotNull SandboxSettings sandboxSettings) {

	static final String KEY_OR_SANDBOX_REQUIRED = "Set SEEDANCE_API_KEY (the upstream key) or SEEDANCE_SANDBOX=true "
			+ "(use the built-in simulator); neither is set.";

	public boolean hasApiKey() {
		return apiKey != null && !apiKey.isBlank();
	}

	/** Startup fails with {@link #KEY_OR_SANDBOX_REQUIRED} unless this holds. */
	@AssertTrue(message = KEY_OR_SANDBOX_REQUIRED)
	public boolean isApiKeyOrSandboxSet() {
		return sandbox || hasApiKey();
	}

	@AssertTrue(message = "seedance.connect-timeout and seedance.response-timeout must be positive")
	public boolean isTimeoutsPositive() {
		return connectTimeout != null && responseTimeout != null && !connectTimeout.isNegative()
				&& !connectTimeout.isZero() && !responseTimeout.isNegative() && !responseTimeout.isZero();
	}

	@Override
	public String toString() {
		return "SeedanceProperties[baseUrl=" + baseUrl + ", apiKey=" + (hasApiKey() ? "(redacted)" : "(unset)")
				+ ", sandbox=" + sandbox + ", connectTimeout=" + connectTimeout + ", responseTimeout="
				+ responseTimeout + ", sandboxSettings=" + sandboxSettings + "]";
	}

	/**
	 * The simulator's timing ({@code seedance.sandbox-settings.*}).
	 *
	 * @param processingAfter a new task reports {@code processing} after this long
	 * @param taskDuration a task ends ({@code success} or {@code failed}) this long after it was created
	 * @param slowTaskDuration how long a task marked {@code [sandbox:slow]} takes
	 */
	public record SandboxSettings(@DefaultValue("1s") @NotNull Duration processingAfter,
			@DefaultValue("3s") @NotNull Duration taskDuration, @DefaultValue("30s") @NotNull Duration slowTaskDuration) {
	}

}
