package com.seedance.gateway.shared;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	/** Domain code takes "now" from this bean only, so tests can move time. */
	@Bean
	Clock clock() {
		return new MicrosecondClock(Clock.systemUTC());
	}

}
