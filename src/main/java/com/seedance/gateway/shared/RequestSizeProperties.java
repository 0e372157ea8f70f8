package com.seedance.gateway.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code gateway.max-request-size}: the largest request body the gateway reads; a larger one answers 413. */
@ConfigurationProperties("gateway")
record RequestSizeProperties(@DefaultValue("1MB") DataSize maxRequestSize) {

	RequestSizeProperties {
		if (maxRequestSize.toBytes() < 1) {
			throw new IllegalArgumentException("gateway.max-request-size must be positive");
		}
	}

}
