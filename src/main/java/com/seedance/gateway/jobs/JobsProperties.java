package com.seedance.gateway.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The jobs module's settings.
 *
 * @param jobs {@code gateway.jobs.*}: what a job may ask for
 * @param notifyAllowedHosts {@code GATEWAY_NOTIFY_ALLOWED_HOSTS}: the hosts a {@code notify_url} may point at, as
 * exact host names or {@code *.suffix} patterns ({@code *.example.com} matches {@code a.example.com} and
 * {@code a.b.example.com}, not {@code example.com} itself), compared case-insensitively; empty (the default) allows
 * any host
 */
@ConfigurationProperties("gateway")
public record JobsProperties(@DefaultValue Jobs jobs, @DefaultValue List<String> notifyAllowedHosts) {

	public JobsProperties {
		notifyAllowedHosts = notifyAllowedHosts.stream()
			.map(host -> host.trim().toLowerCase(Locale.ROOT))
			.filter(host -> !host.isEmpty())
			.toList();
	}

	/** The model of a request that names none: the first configured. */
	public String defaultModel() {
		return jobs.models().get(0);
	}

	public boolean allowsNotifyHost(String host) {
		if (notifyAllowedHosts.isEmpty()) {
			return true;
		}
		String candidate = host.toLowerCase(Locale.ROOT);
		return notifyAllowedHosts.stream()
			.anyMatch(pattern -> pattern.startsWith("*.") ? candidate.endsWith(pattern.substring(1))
					: candidate.equals(pattern));
	}

	/**
	 * @param models the model names a job may ask for (comma-separated); the first is the default
	 * @param maxTextLength how many characters (code points) the texts of one job may have together
	 * @param idempotencyRetention how long an {@code Idempotency-Key} of {@code POST /jobs} replays its job; the
	 * contract promises at least 24 hours, so less is refused
	 */
	public record Jobs(@DefaultValue("seedance-2.0") List<String> models, @DefaultValue("10000") int maxTextLength,
			@DefaultValue("24h") Duration idempotencyRetention) {

		static final Duration MIN_IDEMPOTENCY_RETENTION = Duration.ofHours(24);

		public Jobs {
			models = models.stream().map(String::trim).filter(model -> !model.isEmpty()).toList();
			if (models.isEmpty()) {
				throw new IllegalArgumentException("gateway.jobs.models must name at least one model");
			}
			if (maxTextLength < 1) {
				throw new IllegalArgumentException("gateway.jobs.max-text-length must be positive");
			}
			if (idempotencyRetention.compareTo(MIN_IDEMPOTENCY_RETENTION) < 0) {
				throw new IllegalArgumentException(
						"gateway.jobs.idempotency-retention must be at least 24h: the API promises keys are kept that long");
			}
		}

	}

}
