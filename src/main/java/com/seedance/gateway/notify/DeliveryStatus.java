package com.seedance.gateway.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a notification stands: waiting to be (re)tried, received (a 2xx), or given up on (the retry schedule was
 * spent, or its URL's host is no longer allowed). Lower-case on the wire.
 */
public enum DeliveryStatus {

	PENDING, DELIVERED, FAILED;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<DeliveryStatus> fromWireName(String value) {
		return Arrays.stream(values()).filter(status -> status.wireName().equals(value)).findFirst();
	}

}
