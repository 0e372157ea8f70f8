package com.seedance.gateway.notify;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.seedance.gateway.shared.ScheduledWorkers;
import com.seedance.gateway.shared.ShutdownPhases;

/**
 * Runs the delivery worker on its interval, and stops it at shutdown before the web server
 * ({@link ShutdownPhases#WORKERS}): no more claims, the messages not yet sent due again at once, the sends under way
 * finished with their results recorded. Tests switch it off ({@code gateway.deliveries.enabled=false}) and tick it
 * by hand on a clock they move.
 */
@Component
@ConditionalOnProperty(name = "gateway.deliveries.enabled", matchIfMissing = true)
class DeliverySchedule extends ScheduledWorkers {

	private static final Logger log = LoggerFactory.getLogger(DeliverySchedule.class);

	private final DeliveryWorker worker;

	private final Duration shutdownTimeout;

	DeliverySchedule(DeliveryWorker worker, LifecycleProperties lifecycle) {
		super("deliveries");
		this.worker = worker;
		// the bound the lifecycle processor itself keeps to: spring.lifecycle.timeout-per-shutdown-phase
		this.shutdownTimeout = lifecycle.getTimeoutPerShutdownPhase();
	}

	@Scheduled(fixedDelayString = "${gateway.deliveries.interval:1s}", initialDelayString = "${gateway.deliveries.interval:1s}")
	void deliver() {
		worker.tick();
	}

	@Override
	protected void startWorkers() {
		worker.start();
	}

	@Override
	protected void stopWorkers() {
		worker.stop();
		try {
			if (!worker.awaitIdle(shutdownTimeout)) {
				log.warn("Notifications still being sent after {}; they are sent again when their leases run out",
						shutdownTimeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
