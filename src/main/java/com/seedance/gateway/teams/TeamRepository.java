package com.seedance.gateway.teams;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface TeamRepository extends JpaRepository<Team, String> {

	/** In byte order ("C" collation), so the order does not depend on the database's locale. */
	@Query(value = "SELECT * FROM team ORDER BY id COLLATE \"C\"", nativeQuery = true)
	List<Team> findAllOrderedById();

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<Team> findForUpdateById(String id);

}
