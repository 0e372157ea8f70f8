package com.seedance.gateway.tracking;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.InFlightCounts;
import com.seedance.gateway.shared.ScheduledWorkers;
import com.seedance.gateway.shared.ShutdownPhases;
import com.seedance.gateway.upstream.SeedanceClient;

/**
 * Runs the dispatcher and the poller on their intervals, and stops them at shutdown before the web server
 * ({@link ShutdownPhases#WORKERS}): no more claims, the claims whose upstream call has not started handed back
 * at once, the calls under way finished with their results stored. The dispatcher's tick is the safety net of its
 * {@link DispatchLoop}, which notifications wake as soon as there is work. Tests switch it off
 * ({@code gateway.tracking.enabled=false}) and tick them by hand on a clock they move.
 */
@Component
@ConditionalOnProperty(name = "gateway.tracking.enabled", matchIfMissing = true)
class TrackingSchedule extends ScheduledWorkers {

	private static final Logger log = LoggerFactory.getLogger(TrackingSchedule.class);

	private final Dispatcher dispatcher;

	private final DispatchLoop dispatchLoop;

	private final Poller poller;

	private final InFlightCounts inFlightCounts;

	private final Duration shutdownTimeout;

	TrackingSchedule(Dispatcher dispatcher, DispatchLoop dispatchLoop, Poller poller, InFlightCounts inFlightCounts,
			SeedanceClient upstream, LifecycleProperties lifecycle) {
		super("tracking");
		this.dispatcher = dispatcher;
		this.dispatchLoop = dispatchLoop;
		this.poller = poller;
		this.inFlightCounts = inFlightCounts;
		// the bound the lifecycle processor itself keeps to: spring.lifecycle.timeout-per-shutdown-phase
		this.shutdownTimeout = lifecycle.getTimeoutPerShutdownPhase();
		// a call cut off at shutdown leaves its job's outcome unknown: it waits the submit grace, then may be sent twice
		if (shutdownTimeout.compareTo(upstream.longestCall()) <= 0) {
			throw new IllegalStateException("spring.lifecycle.timeout-per-shutdown-phase (" + shutdownTimeout
					+ ") must be longer than the longest upstream call (" + upstream.longestCall()
					+ ": seedance.connect-timeout + seedance.response-timeout + 5s), so that a call under way at"
					+ " shutdown ends, and its result is stored, before the database pool closes");
		}
	}

	@Scheduled(fixedDelayString = "${gateway.tracking.dispatch-interval:1s}", initialDelayString = "${gateway.tracking.dispatch-interval:1s}")
	void dispatch() {
		dispatcher.expireLeasesAndGraces();
		dispatchLoop.wakeUp();
	}

	@Scheduled(fixedDelayString = "${gateway.poll-interval:5s}", initialDelayString = "${gateway.poll-interval:5s}")
	void poll() {
		poller.tick();
	}

	@Scheduled(fixedDelayString = "${gateway.tracking.in-flight-recount:10m}", initialDelayString = "${gateway.tracking.in-flight-recount:10m}")
	void recountInFlight() {
		inFlightCounts.recount();
	}

	@Override
	protected void startWorkers() {
		dispatcher.start();
		poller.start();
		dispatchLoop.start();
	}

	@Override
	protected void stopWorkers() {
		dispatchLoop.stop();
		dispatcher.stop();
		poller.stop();
		try {
			long started = System.nanoTime();
			boolean idle = dispatcher.awaitIdle(shutdownTimeout)
					&& poller.awaitIdle(shutdownTimeout.minusNanos(System.nanoTime() - started));
			if (idle) {
				log.info("Dispatcher and poller stopped; the upstream calls under way have ended");
			}
			else {
				log.warn("Upstream calls still under way after {}; their jobs wait for their leases to run out",
						shutdownTimeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
