package com.seedance.gateway.teams;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seedance.gateway.shared.TimeOrderedIds;

/**
 * Issues, lists, revokes and checks team API keys. Checking a key the instance knows costs no database call
 * ({@link ApiKeyCache}, evicted everywhere by a revocation), and its use is written at most once a minute
 * ({@link LastUses}).
 */
@Service
public class ApiKeys {

	private static final HexFormat HEX = HexFormat.of();

	private final ApiKeyRepository keys;

	private final TeamRepository teams;

	private final ApiKeyCache cache;

	private final LastUses lastUses;

	private final Clock clock;

	ApiKeys(ApiKeyRepository keys, TeamRepository teams, ApiKeyCache cache, LastUses lastUses, Clock clock) {
		this.keys = keys;
		this.teams = teams;
		this.cache = cache;
		this.lastUses = lastUses;
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

	/**
	 * Revokes the key; when this transaction commits, every instance stops accepting it (within a second: see
	 * {@link ApiKeyCache}). Revoking it again changes nothing.
	 */
	@Transactional
	public ApiKey revoke(String teamId, UUID keyId) {
		ApiKey key = keys.findByIdAndTeamId(keyId, teamId).orElseThrow(() -> new ApiKeyNotFound(keyId));
		if (key.revoke(clock.instant())) {
			cache.revoked(HEX.formatHex(key.keyHash()));
		}
		return key;
	}

	/** The team behind a presented key, if the key exists and is not revoked. */
	public Optional<TeamPrincipal> authenticate(String presented) {
		if (!presented.startsWith(ApiKeySecret.PREFIX)) {
			return Optional.empty();
		}
		byte[] hash = new ApiKeySecret(presented).hash();
		Optional<TeamPrincipal> team = cache.principal(HEX.formatHex(hash), () -> keys.findByKeyHash(hash)
			.filter(key -> !key.isRevoked())
			.map(key -> new TeamPrincipal(key.teamId(), key.id())));
		team.ifPresent(principal -> lastUses.used(principal.keyId(), clock.instant()));
		return team;
	}

	public record IssuedKey(ApiKey key, String secret) {

		@Override
		public String toString() {
			return "IssuedKey[" + key.prefix() + "…]";
		}

	}

}
