package com.seedance.gateway.tracking;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import com.seedance.gateway.jobs.Job;
import com.seedance.gateway.jobs.JobLifecycle;
import com.seedance.gateway.jobs.JobRequest;
import com.seedance.gateway.teams.Quota;
import com.seedance.gateway.teams.Team;
import com.seedance.gateway.teams.TeamRepository;

/** Teams and jobs for tracking tests, made through the real API of their modules. */
record TrackingFixtures(TeamRepository teams, JobLifecycle lifecycle, Clock clock) {

	String team(Quota quota) {
		String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
		teams.save(Team.create(id, "Team " + id, quota, clock.instant()));
		return id;
	}

	String team() {
		return team(Quota.UNLIMITED);
	}

	/** A queued job whose text carries {@code tag}, so a stub can recognise its create request. */
	Job job(String teamId, String tag) {
		String content = "[{\"type\":\"text\",\"text\":\"A cat walks through a garden " + tag + "\"}]";
		return lifecycle.accept(teamId, new JobRequest("seedance-2.0", content, 5, "16:9", Map.of(), null));
	}

	static String tag() {
		return "tag-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
