package com.seedance.gateway.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seedance.gateway.shared.TimeOrderedIds;

/** Issues, lists, revokes and checks team API keys. */
@Service
public class ApiKeys {

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final ApiKeyRepository keys;

	private final TeamRepository teams;

	private final Clock clock;

	ApiKeys(ApiKeyRepository keys, TeamRepository teams, Clock clock) {
		this.keys = keys;
		this.teams = teams;
		this.clock = clock;
	}

	/** A new key; its clear text is in the result and nowhere else, ever. */
	@Transactional
	public IssuedKey issue(String teamId, String name) {
		if (!teams.existsById(teamId)) {
			throw new TeamNotFound(teamId);
		}
		ApiKeySecret secret = ApiKeySecret.generate();
		ApiKey key = keys.save(new ApiKey(TimeOrderedIds.next(), teamId, name, secret, clock.instant()));
		return new IssuedKey(key, secret.value());
	}

	@Transactional(readOnly = true)
	public List<ApiKey> ofTeam(String teamId) {
		if (!teams.existsById(teamId)) {
			throw new TeamNotFound(teamId);
		}
		return keys.findByTeamIdOrderByCreatedAtAsc(teamId);
	}

	@Transactional
	public ApiKey revoke(String teamId, UUID keyId) {
		ApiKey key = keys.findByIdAndTeamId(keyId, teamId).orElseThrow(() -> new ApiKeyNotFound(keyId));
		key.revoke(clock.instant());
		return key;
	}

	/** The team behind a presented key, if the key exists and is not revoked. */
	public Optional<TeamPrincipal> authenticate(String presented) {
		if (!presented.startsWith(ApiKeySecret.PREFIX)) {
			return Optional.empty();
		}
		Optional<ApiKey> found = keys.findByKeyHash(new ApiKeySecret(presented).hash()).filter(key -> !key.isRevoked());
		found.ifPresent(key -> {
			Instant now = clock.instant();
			keys.touch(key.id(), now, now.minus(LAST_USED_RESOLUTION));
		});
		return found.map(key -> new TeamPrincipal(key.teamId(), key.id()));
	}

	public record IssuedKey(ApiKey key, String secret) {

		@Override
		public String toString() {
			return "IssuedKey[" + key.prefix() + "…]";
		}

	}

}
