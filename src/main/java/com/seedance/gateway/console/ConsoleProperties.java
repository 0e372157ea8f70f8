package com.seedance.gateway.console;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.console.*}: how long a quiet session lasts ({@code GATEWAY_CONSOLE_SESSION_TIMEOUT}; Spring Session
 * reads it through {@code spring.session.timeout}), the sign-in throttle, and the history's page size.
 */
@ConfigurationProperties("gateway.console")
@Validated
record ConsoleProperties(@DefaultValue("30m") @NotNull Duration sessionTimeout,
		@DefaultValue("5") @Min(1) int signInFailures, @DefaultValue("15m") @NotNull Duration signInWindow,
		@DefaultValue("50") @Min(1) @Max(500) int pageSize) {
}
