package com.seedance.gateway.tracking;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.InFlightCounts;

/**
 * Runs the dispatcher and the poller on their intervals. The dispatcher's tick is the safety net of its
 * {@link DispatchLoop}, which notifications wake as soon as there is work. Tests switch it off
 * ({@code gateway.tracking.enabled=false}) and tick them by hand on a clock they move.
 */
@Component
@ConditionalOnProperty(name = "gateway.tracking.enabled", matchIfMissing = true)
class TrackingSchedule {

	private final Dispatcher dispatcher;

	private final DispatchLoop dispatchLoop;

	private final Poller poller;

	private final InFlightCounts inFlightCounts;

	TrackingSchedule(Dispatcher dispatcher, DispatchLoop dispatchLoop, Poller poller, InFlightCounts inFlightCounts) {
		this.dispatcher = dispatcher;
		this.dispatchLoop = dispatchLoop;
		this.poller = poller;
		this.inFlightCounts = inFlightCounts;
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

}
