package com.seedance.gateway.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.seedance.gateway.jobs.JobsProperties;
import com.seedance.gateway.notify.Deliveries.Attempt;
import com.seedance.gateway.notify.Deliveries.Claim;
import com.seedance.gateway.notify.WebhookClient.Response;
import com.seedance.gateway.shared.WorkInHand;
import com.seedance.gateway.shared.JobLogContext;
import com.seedance.gateway.teams.SecretUnreadable;
import com.seedance.gateway.teams.WebhookSecrets;

/**
 * Sends the due notifications of the outbox. Each tick claims due rows in one short transaction (a lease, safe
 * with any number of instances), then, after the commit, signs and POSTs them in parallel and records each
 * result: delivered on a 2xx, else retried on {@link DeliveryProperties}' schedule with jitter, and failed once it
 * is spent. A URL whose host {@code GATEWAY_NOTIFY_ALLOWED_HOSTS} no longer allows fails without a try; a team
 * without a signing secret keeps its messages waiting, untried, until it has one. When it stops (the instance shuts
 * down), the messages not yet sent are due again at once for any instance, and the sends under way finish and
 * record their results.
 */
@Component
public class DeliveryWorker {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	static final String NO_SECRET = "waiting: the team has no webhook signing secret (POST /admin/teams/{id}/webhook-secret)";

	private final Deliveries deliveries;

	private final WebhookSecrets secrets;

	private final WebhookClient client;

	private final DeliveryProperties properties;

	private final JobsProperties jobsProperties;

	private final Clock clock;

	private final Executor executor;

	private final WorkInHand<Claim> inHand = new WorkInHand<>();

	DeliveryWorker(Deliveries deliveries, WebhookSecrets secrets, WebhookClient client, DeliveryProperties properties,
			JobsProperties jobsProperties, Clock clock, @Qualifier("applicationTaskExecutor") Executor executor) {
		this.deliveries = deliveries;
		this.secrets = secrets;
		this.client = client;
		this.properties = properties;
		this.jobsProperties = jobsProperties;
		this.clock = clock;
		this.executor = executor;
	}

	public void tick() {
		inHand.tick(properties.batch(), batch -> {
			Instant now = clock.instant();
			return deliveries.claim(batch, now, now.plus(properties.lease()));
		}, executor, this::sendSafely, this::release);
	}

	/** Stops claiming; the messages not yet sent are due again at once. */
	void stop() {
		release(inHand.close());
	}

	/** Waits for the tick and the sends under way, each ending with its result recorded. */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		return inHand.awaitIdle(timeout);
	}

	void start() {
		inHand.open();
	}

	private void release(List<Claim> claims) {
		if (claims.isEmpty()) {
			return;
		}
		try {
			deliveries.release(claims, clock.instant());
		}
		catch (RuntimeException ex) {
			// their leases run out instead, and they are sent then
			log.warn("Could not release {} claimed notification(s): {}", claims.size(), ex.getMessage());
		}
	}

	/** Runs on the executor's thread, so the job's log context is opened here. */
	private void sendSafely(Claim claim) {
		try (JobLogContext context = JobLogContext.open(claim.jobId(), claim.teamId())) {
			try {
				send(claim);
			}
			catch (RuntimeException ex) {
				// the lease runs out and the message is due again then
				log.error("Delivering notification {} failed unexpectedly", claim.webhookId(), ex);
			}
		}
	}

	void send(Claim claim) {
		URI url = allowedUrl(claim);
		if (url == null) {
			return;
		}
		List<String> signingSecrets;
		try {
			signingSecrets = secrets.signingSecrets(claim.teamId(), clock.instant());
		}
		catch (SecretUnreadable ex) {
			log.error("Notification {} of team {} waits: {}", claim.webhookId(), claim.teamId(), ex.getMessage());
			deliveries.hold(claim, "waiting: " + ex.getMessage(), clock.instant().plus(properties.secretWait()));
			return;
		}
		if (signingSecrets.isEmpty()) {
			deliveries.hold(claim, NO_SECRET, clock.instant().plus(properties.secretWait()));
			return;
		}
		Instant at = clock.instant();
		long timestamp = at.getEpochSecond();
		Response response = client.post(url, Map.of("webhook-id", claim.webhookId(), "webhook-timestamp",
				Long.toString(timestamp), "webhook-signature",
				WebhookSigner.signatures(signingSecrets, claim.webhookId(), timestamp, claim.payload())),
				claim.payload());
		Attempt attempt = new Attempt(at, response.httpStatus(), response.durationMs(), response.error());
		if (response.delivered()) {
			log.debug("Notification {} delivered: HTTP {} in {} ms", claim.webhookId(), response.httpStatus(),
					response.durationMs());
			deliveries.delivered(claim, attempt);
			return;
		}
		int failedTries = claim.attempts() + 1;
		Duration wait = properties.retryDelay(failedTries);
		if (wait == null) {
			log.warn("Notification {} to {} failed after {} tries; last: {}", claim.webhookId(), claim.url(),
					failedTries, response.error());
		}
		else {
			log.info("Notification {}: try {} failed ({}); trying again in {}", claim.webhookId(), failedTries,
					response.error(), wait);
		}
		deliveries.failedTry(claim, attempt, wait == null ? null : clock.instant().plus(jittered(wait)));
	}

	private @Nullable URI allowedUrl(Claim claim) {
		URI url;
		try {
			url = new URI(claim.url());
		}
		catch (URISyntaxException ex) {
			deliveries.refuse(claim, "refused: notify_url is not a valid URL");
			return null;
		}
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		if (url.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
			deliveries.refuse(claim, "refused: notify_url is not an absolute http(s) URL");
			return null;
		}
		if (!jobsProperties.allowsNotifyHost(url.getHost())) {
			log.warn("Notification {} not sent: host {} is not in GATEWAY_NOTIFY_ALLOWED_HOSTS", claim.webhookId(),
					url.getHost());
			deliveries.refuse(claim, "refused: host " + url.getHost() + " is not in GATEWAY_NOTIFY_ALLOWED_HOSTS");
			return null;
		}
		return url;
	}

	private Duration jittered(Duration wait) {
		double stretch = properties.jitter() == 0 ? 0 : ThreadLocalRandom.current().nextDouble(properties.jitter());
		return wait.plusMillis((long) (wait.toMillis() * stretch));
	}

}
