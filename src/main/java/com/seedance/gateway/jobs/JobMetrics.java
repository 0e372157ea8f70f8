package com.seedance.gateway.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Counts jobs reaching each status, once their change is committed. */
@Component
class JobMetrics {

	private final MeterRegistry registry;

	JobMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@TransactionalEventListener
	void on(JobStatusChanged changed) {
		Counter.builder("gateway.jobs.status.changes")
			.description("Jobs that reached a status")
			.tag("status", changed.to().name().toLowerCase(java.util.Locale.ROOT))
			.register(registry)
			.increment();
	}

	@TransactionalEventListener
	void on(UpstreamTaskOrphaned orphaned) {
		Counter.builder("gateway.upstream.orphaned.tasks")
			.description("Upstream tasks created by a submission whose job had moved on: billed, owned by no job")
			.register(registry)
			.increment();
	}

}
