package com.seedance.gateway.support;

import java.time.Clock;
import java.util.UUID;

import com.seedance.gateway.teams.ApiKeys;
import com.seedance.gateway.teams.Quota;
import com.seedance.gateway.teams.Team;
import com.seedance.gateway.teams.TeamRepository;

/** Teams and keys for tests, each with a fresh id so tests sharing a context never collide. */
public class TestTeams {

	private final TeamRepository teams;

	private final ApiKeys apiKeys;

	private final Clock clock;

	TestTeams(TeamRepository teams, ApiKeys apiKeys, Clock clock) {
		this.teams = teams;
		this.apiKeys = apiKeys;
		this.clock = clock;
	}

	public String create(Quota quota) {
		String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
		teams.save(Team.create(id, "Team " + id, quota, clock.instant()));
		return id;
	}

	public String create() {
		return create(Quota.UNLIMITED);
	}

	/** A new key of the team, in clear. */
	public String keyFor(String teamId) {
		return apiKeys.issue(teamId, "test").secret();
	}

}
