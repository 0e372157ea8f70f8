package com.seedance.gateway.teams;

import java.util.UUID;

/** Who is calling the client API: a team, through one of its keys. Controllers take it as {@code @AuthenticationPrincipal}. */
public record TeamPrincipal(String teamId, UUID keyId) {
}
