package com.seedance.gateway.teams.web;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import com.seedance.gateway.teams.Quota;

/**
 * The body of {@code PATCH /admin/teams/{id}} as the API document shows it: a JSON merge patch (RFC 7396) of
 * {@link CreateTeamRequest}, so every member is optional. Only documents it; {@link TeamPatch} applies it.
 */
@Schema(name = "TeamMergePatch", description = "A JSON merge patch of the team as created: an absent member keeps "
		+ "its value, null removes it")
record TeamMergePatch(@Schema(description = "if present, the team's own id: it cannot change") @Nullable String id,
		@Schema(description = "the new name") @Nullable String name,
		@Schema(description = "the limits given replace theirs, the others stay; a null limit is unlimited, and a null "
				+ "quota makes every limit unlimited") @Nullable Quota quota) {
}
