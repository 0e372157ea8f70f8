package com.seedance.gateway.teams;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads and changes teams for the operator API. */
@Service
public class Teams {

	private final TeamRepository teams;

	private final Clock clock;

	Teams(TeamRepository teams, Clock clock) {
		this.teams = teams;
		this.clock = clock;
	}

	/**
	 * Not transactional on purpose: the insert runs in its own transaction, so a concurrent create of the
	 * same id fails here as a primary key violation (answered 409) and not later as a failed commit.
	 */
	public Team create(String id, String name, Quota quota) {
		if (teams.existsById(id)) {
			throw new TeamAlreadyExists(id);
		}
		try {
			return teams.saveAndFlush(Team.create(id, name, quota, clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			if (teams.existsById(id)) {
				throw new TeamAlreadyExists(id);
			}
			throw ex;
		}
	}

	@Transactional(readOnly = true)
	public Team get(String id) {
		return teams.findById(id).orElseThrow(() -> new TeamNotFound(id));
	}

	@Transactional(readOnly = true)
	public List<Team> all() {
		return teams.findAllOrderedById();
	}

	/** Renames (when {@code name} is given) and changes the quota; the row is locked, so concurrent changes apply one after the other. */
	@Transactional
	public Team change(String id, @Nullable String name, UnaryOperator<Quota> quotaChange) {
		Team team = teams.findForUpdateById(id).orElseThrow(() -> new TeamNotFound(id));
		Instant now = clock.instant();
		if (name != null) {
			team.rename(name, now);
		}
		team.changeQuota(quotaChange.apply(team.quota()), now);
		return team;
	}

}
