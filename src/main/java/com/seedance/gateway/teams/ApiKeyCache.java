package com.seedance.gateway.teams;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.seedance.gateway.shared.PostgresNotifications;

/**
 * The team behind each key this instance authenticated lately, by the key's SHA-256 (hex), so a request with a
 * known key needs no database round trip. A revocation evicts the key on every instance within a second: the
 * revoking transaction sends {@code pg_notify('api_key_revoked', '<hash hex>')}, which PostgreSQL delivers at
 * commit to every instance's listening connection. Behind that:
 * <ul>
 * <li>the revoking instance evicts the key itself right after the commit, not waiting for its own notification;</li>
 * <li>while this instance's listening connection is down, nothing is served from or put into the cache, and when
 * a connection listens again everything is forgotten (notifications sent meanwhile were lost);</li>
 * <li>an entry lives {@link #LIFETIME} at most, the bound for a listening connection that died unnoticed;</li>
 * <li>a key that is unknown or revoked is remembered only {@link #UNKNOWN_LIFETIME} and only
 * {@link #MAX_UNKNOWN} of them, so a flood of made-up keys costs one query each and bounded memory (a revoked key
 * never becomes valid again, and a key is unknown to nobody once its issuer has shown it).</li>
 * </ul>
 * A lookup runs inside the cache's atomic computation of its entry, so an eviction that arrives while a request
 * reads the key from the database waits for that read and then removes what it found: a revocation cannot be
 * overwritten by a read that started before it committed.
 */
@Component
class ApiKeyCache {

	static final String REVOKED_CHANNEL = "api_key_revoked";

	static final Duration LIFETIME = Duration.ofSeconds(30);

	static final Duration UNKNOWN_LIFETIME = Duration.ofSeconds(5);

	static final long MAX_KNOWN = 100_000;

	static final long MAX_UNKNOWN = 10_000;

	private final Cache<String, TeamPrincipal> known = Caffeine.newBuilder()
		.expireAfterWrite(LIFETIME)
		.maximumSize(MAX_KNOWN)
		.build();

	private final Cache<String, Boolean> unknown = Caffeine.newBuilder()
		.expireAfterWrite(UNKNOWN_LIFETIME)
		.maximumSize(MAX_UNKNOWN)
		.build();

	private final PostgresNotifications notifications;

	ApiKeyCache(PostgresNotifications notifications) {
		this.notifications = notifications;
		notifications.subscribe(REVOKED_CHANNEL, known::invalidate);
		notifications.onListening(known::invalidateAll);
	}

	/** The team behind the key with this hash: from the cache, or from {@code lookup} (the database). */
	Optional<TeamPrincipal> principal(String keyHash, Supplier<Optional<TeamPrincipal>> lookup) {
		if (!notifications.isListening()) {
			known.invalidateAll();
			return lookup.get();
		}
		if (unknown.getIfPresent(keyHash) != null) {
			return Optional.empty();
		}
		@Nullable TeamPrincipal principal = known.get(keyHash, hash -> lookup.get().orElse(null));
		if (principal == null) {
			unknown.put(keyHash, Boolean.TRUE);
		}
		return Optional.ofNullable(principal);
	}

	/**
	 * In the transaction that revokes the key: every instance evicts it when that transaction commits (this one
	 * at once, the others when the notification arrives).
	 */
	void revoked(String keyHash) {
		notifications.notify(REVOKED_CHANNEL, keyHash);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					known.invalidate(keyHash);
				}
			});
		}
		else {
			known.invalidate(keyHash);
		}
	}

}
