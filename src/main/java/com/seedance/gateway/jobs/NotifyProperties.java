package com.seedance.gateway.jobs;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code GATEWAY_NOTIFY_ALLOWED_HOSTS}: the hosts a {@code notify_url} may point at, as exact host names or
 * {@code *.suffix} patterns ({@code *.example.com} matches {@code a.example.com} and {@code a.b.example.com},
 * not {@code example.com} itself). Compared case-insensitively. Empty (the default) allows any host.
 */
@ConfigurationProperties("gateway")
public record NotifyProperties(@DefaultValue List<String> notifyAllowedHosts) {

	public NotifyProperties {
		notifyAllowedHosts = notifyAllowedHosts.stream()
			.map(host -> host.trim().toLowerCase(Locale.ROOT))
			.filter(host -> !host.isEmpty())
			.toList();
	}

	public boolean allows(String host) {
		if (notifyAllowedHosts.isEmpty()) {
			return true;
		}
		String candidate = host.toLowerCase(Locale.ROOT);
		return notifyAllowedHosts.stream()
			.anyMatch(pattern -> pattern.startsWith("*.") ? candidate.endsWith(pattern.substring(1))
					: candidate.equals(pattern));
	}

}
