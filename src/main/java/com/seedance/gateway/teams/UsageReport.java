package com.seedance.gateway.teams;

/** A team's limits next to what it has used: the body of {@code GET /usage} and part of the admin team view. */
public record UsageReport(String team, Quota limits, TeamUsage.UsageCounts used) {
}
