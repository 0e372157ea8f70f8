package com.seedance.gateway.tracking;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.JobQueue.QueueDepth;

/** Gauges of the work in the system, refreshed by every dispatcher tick (not by each scrape). */
@Component
class TrackingMetrics {

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong queued = new AtomicLong();

	TrackingMetrics(MeterRegistry registry) {
		Gauge.builder("gateway.jobs.in.flight", inFlight, AtomicLong::get)
			.description("Jobs holding an upstream slot (submitting, outcome unknown, submitted, running)")
			.register(registry);
		Gauge.builder("gateway.jobs.queued", queued, AtomicLong::get)
			.description("Jobs waiting to be submitted upstream")
			.register(registry);
	}

	void refresh(QueueDepth depth) {
		inFlight.set(depth.inFlight());
		queued.set(depth.queued());
	}

}
