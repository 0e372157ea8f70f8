package com.seedance.gateway.teams;

/** A team's limits next to what it has used: the body of {@code GET /usage} and part of the admin team view. */
public record UsageReport(String team, Quota limits, TeamUsage.UsageCounts used, TeamUsage.ReservedCredits reserved) {

	public static UsageReport of(Team team, TeamUsage.Usage usage) {
		return new UsageReport(team.id(), team.quota(), usage.used(), usage.reserved());
	}

}
