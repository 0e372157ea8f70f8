package com.seedance.gateway.shared;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	/**
	 * Domain code takes "now" from this bean only, so tests can move time. It ticks in whole microseconds,
	 * the precision PostgreSQL keeps: an instant read back from the database equals the one written, which
	 * keyset cursors on {@code created_at} rely on.
	 */
	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
	}

}
