package com.seedance.gateway.teams;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

	Optional<ApiKey> findByKeyHash(byte[] keyHash);

	List<ApiKey> findByTeamIdOrderByCreatedAtAsc(String teamId);

	Optional<ApiKey> findByIdAndTeamId(UUID id, String teamId);

	/** Records use at most once a minute per key, so authenticating is not a write on every request. */
	@Transactional
	@Modifying
	@Query("""
			update ApiKey k set k.lastUsedAt = :now
			 where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :staleBefore)""")
	int touch(UUID id, Instant now, Instant staleBefore);

}
