package com.seedance.gateway.teams.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** A team's new webhook signing secret, shown this once. */
record WebhookSecretResponse(@Schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
}
