package com.seedance.gateway.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Gauges of the work waiting and under way, counted (over partial indexes) when metrics are scraped. */
@Component
class JobQueueMetrics {

	JobQueueMetrics(JobQueue queue, MeterRegistry registry) {
		Gauge.builder("gateway.jobs.in.flight", queue, q -> q.depth().inFlight())
			.description("Jobs holding an upstream slot (submitting, outcome unknown, submitted, running)")
			.register(registry);
		Gauge.builder("gateway.jobs.queued", queue, q -> q.depth().queued())
			.description("Jobs waiting to be submitted upstream")
			.register(registry);
	}

}
