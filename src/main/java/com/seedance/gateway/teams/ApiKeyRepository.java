package com.seedance.gateway.teams;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

	Optional<ApiKey> findByKeyHash(byte[] keyHash);

	List<ApiKey> findByTeamIdOrderByCreatedAtAsc(String teamId);

	Optional<ApiKey> findByIdAndTeamId(UUID id, String teamId);

}
