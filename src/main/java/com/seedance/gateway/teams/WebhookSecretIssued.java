package com.seedance.gateway.teams;

import java.time.Instant;

/** A team got a new webhook signing secret (its first, or a rotation), raised in the transaction that stored it. */
public record WebhookSecretIssued(String teamId, Instant at) {
}
