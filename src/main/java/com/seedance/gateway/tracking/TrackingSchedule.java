package com.seedance.gateway.tracking;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher and the poller on their intervals. Tests switch it off
 * ({@code gateway.tracking.enabled=false}) and tick them by hand on a clock they move.
 */
@Component
@ConditionalOnProperty(name = "gateway.tracking.enabled", matchIfMissing = true)
class TrackingSchedule {

	private final Dispatcher dispatcher;

	private final Poller poller;

	TrackingSchedule(Dispatcher dispatcher, Poller poller) {
		this.dispatcher = dispatcher;
		this.poller = poller;
	}

	@Scheduled(fixedDelayString = "${gateway.tracking.dispatch-interval:1s}", initialDelayString = "${gateway.tracking.dispatch-interval:1s}")
	void dispatch() {
		dispatcher.tick();
	}

	@Scheduled(fixedDelayString = "${gateway.poll-interval:5s}", initialDelayString = "${gateway.poll-interval:5s}")
	void poll() {
		poller.tick();
	}

}
