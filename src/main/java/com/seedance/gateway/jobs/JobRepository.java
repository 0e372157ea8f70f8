package com.seedance.gateway.jobs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

public interface JobRepository extends JpaRepository<Job, UUID> {

	Optional<Job> findByIdAndTeamId(UUID id, String teamId);

	boolean existsByIdAndTeamId(UUID id, String teamId);

	Optional<Job> findByCallbackTokenHash(byte[] callbackTokenHash);

	/** Oldest change first: the jobs in {@code status}, at most {@code limit}. */
	List<Job> findByStatusOrderByUpdatedAtAscIdAsc(JobStatus status, Limit limit);

	/**
	 * The job with its row locked until the transaction ends: concurrent transitions of one job (a burst of
	 * callbacks, the poller) wait their turn and each sees the latest state, instead of failing on {@code version}.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<Job> findLockedById(UUID id);

}
