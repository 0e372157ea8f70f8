package com.seedance.gateway.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.streams.*}: the live status streams ({@code GET /jobs/{id}/events}).
 *
 * @param heartbeat how often an open stream gets a comment line, so proxies keep it open and a client that went
 * away is noticed
 * @param recheck how often every open stream's job is read again, in case a notification was missed
 * @param timeout how long one stream stays open at most; the client then reconnects with {@code Last-Event-ID}
 * @param maxOpen streams this instance holds at most; beyond, a new one is refused with 503 (each costs about
 * 110 KiB of heap, nearly all Tomcat's per-connection buffers: see bench/sse-streams.sh)
 */
@ConfigurationProperties("gateway.streams")
record JobStreamsProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("5s") Duration recheck,
		@DefaultValue("30m") Duration timeout, @DefaultValue("2000") int maxOpen) {

	JobStreamsProperties {
		requirePositive("heartbeat", heartbeat);
		requirePositive("recheck", recheck);
		requirePositive("timeout", timeout);
		if (maxOpen < 1) {
			throw new IllegalArgumentException("gateway.streams.max-open must be positive");
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("gateway.streams." + name + " must be positive");
		}
	}

}
