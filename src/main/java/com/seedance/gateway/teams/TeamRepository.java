package com.seedance.gateway.teams;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

public interface TeamRepository extends JpaRepository<Team, String> {

	List<Team> findAllByOrderByIdAsc();

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<Team> findForUpdateById(String id);

}
