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
 */
@ConfigurationProperties("gateway.streams")
record JobStreamsProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("5s") Duration recheck,
		@DefaultValue("30m") Duration timeout) {

	JobStreamsProperties {
		requirePositive("heartbeat", heartbeat);
		requirePositive("recheck", recheck);
		requirePositive("timeout", timeout);
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("gateway.streams." + name + " must be positive");
		}
	}

}
