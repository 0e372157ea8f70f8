package com.seedance.gateway.jobs;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface JobRepository extends JpaRepository<Job, UUID> {

	Optional<Job> findByIdAndTeamId(UUID id, String teamId);

	Optional<Job> findByCallbackTokenHash(byte[] callbackTokenHash);

}
