package com.seedance.gateway.teams;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates, reads and changes teams for the operator API. */
@Service
public class Teams {

	private final TeamRepository teams;

	private final Clock clock;

	private final WebhookSecrets webhookSecrets;

	private final TransactionTemplate transactions;

	Teams(TeamRepository teams, Clock clock, WebhookSecrets webhookSecrets, TransactionTemplate transactions) {
		this.teams = teams;
		this.clock = clock;
		this.webhookSecrets = webhookSecrets;
		this.transactions = transactions;
	}

	/** A team just made, with its first webhook signing secret in clear (shown this once). */
	public record CreatedTeam(Team team, String webhookSecret) {
	}

	/**
	 * The team and its first webhook signing secret, in one transaction that this method owns (it is not
	 * {@code @Transactional} on purpose): a concurrent create of the same id fails here as a primary key violation
	 * (answered 409) and not later as a failed commit.
	 */
	public CreatedTeam create(String id, String name, Quota quota) {
		if (teams.existsById(id)) {
			throw new TeamAlreadyExists(id);
		}
		try {
			return transactions.execute(status -> {
				Team team = teams.saveAndFlush(Team.create(id, name, quota, clock.instant()));
				return new CreatedTeam(team, webhookSecrets.issue(team.id()));
			});
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

	/**
	 * Changes a team's name and quota to what {@code change} makes of the current ones. The row is locked, so
	 * concurrent changes apply one after the other, each to the result of the one before; when {@code change}
	 * throws, nothing changes.
	 */
	@Transactional
	public Team change(String id, UnaryOperator<TeamSettings> change) {
		Team team = teams.findForUpdateById(id).orElseThrow(() -> new TeamNotFound(id));
		TeamSettings changed = change.apply(new TeamSettings(team.name(), team.quota()));
		Instant now = clock.instant();
		team.rename(changed.name(), now);
		team.changeQuota(changed.quota(), now);
		return team;
	}

}
