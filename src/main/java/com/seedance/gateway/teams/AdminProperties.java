package com.seedance.gateway.teams;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code GATEWAY_ADMIN_TOKEN}: the operators' bearer token; unset disables the admin API. */
@ConfigurationProperties("gateway")
public record AdminProperties(@Nullable String adminToken) {

	public boolean adminEnabled() {
		return adminToken != null && !adminToken.isBlank();
	}

	@Override
	public String toString() {
		return "AdminProperties[adminToken=" + (adminEnabled() ? "(set)" : "(unset)") + "]";
	}

}
