package com.seedance.gateway.upstream;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import com.seedance.gateway.upstream.wire.SeedanceProtocol;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

/**
 * The one way to talk to the upstream. Calls block (callers are scheduled workers on their own threads)
 * and never throw for an HTTP answer or a network failure: each returns an {@link UpstreamCall} with the
 * outcome, the HTTP status (if any) and the time taken.
 * <p>
 * The API key is a default header of the {@link WebClient} set in {@link SeedanceConfiguration}; this class
 * never sees it, so it cannot leak into logs, outcomes or metric tags.
 * <p>
 * A create whose outcome is uncertain is {@link UpstreamOutcome.Unknown}: everything that may have happened
 * after the request left (response timeout, connection reset or closed while waiting, a 2xx body without a
 * task id, 502/504). Only failures that certainly happened before anything was sent (connection refused or
 * timed out, unknown host, TLS handshake, no pooled connection) are {@link UpstreamOutcome.Transient}.
 */
public class SeedanceClient {

	static final String CREATE_PATH = "/api/video/seedance/gen";

	static final String QUERY_PATH = "/api/task/query";

	static final String METRIC = "seedance.upstream.calls";

	private static final Logger log = LoggerFactory.getLogger(SeedanceClient.class);

	private final WebClient webClient;

	private final Supplier<URI> baseUrl;

	private final SeedanceProtocol protocol;

	private final MeterRegistry meterRegistry;

	private final UpstreamHealthIndicator health;

	private final Duration blockTimeout;

	/**
	 * @param webClient carries the connector (timeouts) and the {@code Authorization} header
	 * @param baseUrl the upstream's base URL, asked at every call (the sandbox's is known only once the
	 * server has started); it may throw {@link IllegalStateException} while it is not known yet
	 */
	SeedanceClient(WebClient webClient, Supplier<URI> baseUrl, SeedanceProperties properties,
			SeedanceProtocol protocol, MeterRegistry meterRegistry, UpstreamHealthIndicator health) {
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.protocol = protocol;
		this.meterRegistry = meterRegistry;
		this.health = health;
		// a safety net only: the connector's own timeouts fire first
		this.blockTimeout = properties.connectTimeout().plus(properties.responseTimeout()).plusSeconds(5);
	}

	/** The longest one call can take before it ends with an outcome, whatever the upstream does. */
	public Duration longestCall() {
		return blockTimeout;
	}

	/** {@code POST /api/video/seedance/gen}; see {@link UpstreamOutcome} for what each outcome means. */
	public UpstreamCall<UpstreamOutcome> create(CreateTask task) {
		String body = protocol.createBody(task);
		return call("create", "POST", CREATE_PATH,
				base -> webClient.post()
					.uri(base + CREATE_PATH)
					.contentType(MediaType.APPLICATION_JSON)
					.accept(MediaType.APPLICATION_JSON)
					.bodyValue(body),
				raw -> protocol.readCreate(raw.status(), raw.body()),
				(failure, sent) -> sent ? new UpstreamOutcome.Unknown(failure) : new UpstreamOutcome.Transient(failure),
				UpstreamOutcome::kind);
	}

	/** {@code GET /api/task/query?task_id=…}; any failure is {@link QueryOutcome.Transient}. */
	public UpstreamCall<QueryOutcome> query(String taskId) {
		return call("query", "GET", QUERY_PATH,
				base -> webClient.get()
					.uri(base + QUERY_PATH + "?task_id={taskId}", taskId)
					.accept(MediaType.APPLICATION_JSON),
				raw -> protocol.readQuery(taskId, raw.status(), raw.body()),
				(failure, sent) -> new QueryOutcome.Transient(failure), QueryOutcome::kind);
	}

	private <O> UpstreamCall<O> call(String operation, String method, String path,
			Function<String, WebClient.RequestHeadersSpec<?>> request, Function<Raw, O> read,
			FailureOutcome<O> failed, Function<O, String> kind) {
		long start = System.nanoTime();
		Integer status = null;
		O outcome;
		String base;
		try {
			base = stripTrailingSlash(baseUrl.get().toString());
		}
		catch (IllegalStateException ex) {
			outcome = failed.of("upstream base URL not known yet: " + ex.getMessage(), false);
			return finish(operation, method, path, outcome, null, start, kind);
		}
		try {
			Raw raw = request.apply(base).exchangeToMono(SeedanceClient::raw).block(blockTimeout);
			if (raw == null) {
				outcome = failed.of("no response", true);
			}
			else {
				status = raw.status();
				outcome = read.apply(raw);
			}
		}
		catch (RuntimeException ex) {
			outcome = failed.of(describe(ex), !certainlyNotSent(ex));
		}
		return finish(operation, method, path, outcome, status, start, kind);
	}

	private <O> UpstreamCall<O> finish(String operation, String method, String path, O outcome,
			@Nullable Integer status, long start, Function<O, String> kind) {
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		String outcomeKind = kind.apply(outcome);
		Timer.builder(METRIC)
			.description("Calls to the Seedance upstream")
			.tag("operation", operation)
			.tag("outcome", outcomeKind)
			.register(meterRegistry)
			.record(elapsed);
		if (outcome instanceof UpstreamOutcome.Unauthorized || outcome instanceof QueryOutcome.Unauthorized) {
			health.keyRejected();
		}
		else if (status != null && status < 500 && !outcomeKind.equals("transient") && !outcomeKind.equals("unknown")) {
			health.keyAccepted();
		}
		if (log.isDebugEnabled()) {
			log.debug("{} {} -> {} (HTTP {}, {} ms): {}", method, path, outcomeKind, status == null ? "-" : status,
					elapsed.toMillis(), outcome);
		}
		return new UpstreamCall<>(outcome, status, elapsed);
	}

	/** Reads the whole answer; a body that breaks off is kept as an error next to the status. */
	private static Mono<Raw> raw(ClientResponse response) {
		int status = response.statusCode().value();
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.map(body -> new Raw(status, body))
			.onErrorResume(ex -> Mono.just(new Raw(status, "")));
	}

	/** Failures that happen before a single byte of the request is written. */
	static boolean certainlyNotSent(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof SSLHandshakeException
					|| cause.getClass().getSimpleName().startsWith("PoolAcquire")) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/** The innermost cause's type and message: never carries headers, so never the key. */
	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		if (root instanceof IllegalStateException && message != null && message.startsWith("Timeout on blocking read")) {
			return "no response in time";
		}
		String type = root.getClass().getSimpleName();
		if (type.equals("ReadTimeoutException")) {
			return "response timeout";
		}
		return message == null || message.isBlank() ? type : type + ": " + message;
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private record Raw(int status, String body) {
	}

	@FunctionalInterface
	private interface FailureOutcome<O> {

		O of(String reason, boolean maybeSent);

	}

}
