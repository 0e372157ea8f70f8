package com.seedance.gateway.shared;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * The order in which this application's parts stop (a higher phase stops earlier; each phase waits at most
 * {@code spring.lifecycle.timeout-per-shutdown-phase}): the live status streams first
 * ({@link SmartLifecycle#DEFAULT_PHASE}), then the scheduled {@link #WORKERS}, then the web server's graceful
 * shutdown, then the web server itself; the database pool closes after all of them.
 */
public final class ShutdownPhases {

	/**
	 * The dispatcher, the poller and the delivery worker: they stop claiming, hand back the claims whose calls have
	 * not started and wait for the calls under way, while the web server still takes the upstream's callbacks (and
	 * in sandbox mode serves the upstream those calls go to) and the database pool is open to store their results.
	 */
	public static final int WORKERS = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;

	private ShutdownPhases() {
	}

}
