package com.seedance.gateway.tracking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** The configured in-flight limit as a gauge, so dashboards draw {@code gateway_jobs_in_flight} against it. */
@Component
class TrackingMetrics {

	TrackingMetrics(MeterRegistry meters, TrackingProperties properties) {
		Gauge.builder("gateway.jobs.in.flight.limit", properties, TrackingProperties::maxInFlight)
			.description("GATEWAY_MAX_IN_FLIGHT: jobs submitted and unfinished upstream at most, over all teams")
			.register(meters);
	}

}
