package com.seedance.gateway.notify;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.seedance.gateway.shared.ShutdownPhases;

/**
 * Runs the delivery worker on its interval, and stops it at shutdown before the web server
 * ({@link ShutdownPhases#WORKERS}): no more claims, the messages not yet sent due again at once, the sends under way
 * finished with their results recorded. Tests switch it off ({@code gateway.deliveries.enabled=false}) and tick it
 * by hand on a clock they move.
 */
@Component
@ConditionalOnProperty(name = "gateway.deliveries.enabled", matchIfMissing = true)
class DeliverySchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliverySchedule.class);

	private final DeliveryWorker worker;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	DeliverySchedule(DeliveryWorker worker,
			LifecycleProperties lifecycle) {
		this.worker = worker;
		// the bound the lifecycle processor itself keeps to: spring.lifecycle.timeout-per-shutdown-phase
		this.shutdownTimeout = lifecycle.getTimeoutPerShutdownPhase();
	}

	@Scheduled(fixedDelayString = "${gateway.deliveries.interval:1s}", initialDelayString = "${gateway.deliveries.interval:1s}")
	void deliver() {
		worker.tick();
	}

	@Override
	public void start() {
		worker.start();
		running = true;
	}

	/** On a thread of its own, so that the dispatcher and the poller, in the same phase, stop side by side with this. */
	@Override
	public void stop(Runnable callback) {
		Thread stopping = new Thread(() -> {
			try {
				stop();
			}
			finally {
				callback.run();
			}
		}, "deliveries-stop");
		stopping.start();
	}

	@Override
	public void stop() {
		running = false;
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

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return ShutdownPhases.WORKERS;
	}

}
