package com.seedance.gateway.upstream.wire;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.seedance.gateway.upstream.CreateTask;
import com.seedance.gateway.upstream.QueryOutcome;
import com.seedance.gateway.upstream.TaskPhase;
import com.seedance.gateway.upstream.UpstreamOutcome;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upstream's protocol without the transport: writes request bodies and reads an HTTP status and
 * body into an outcome. Pure, so every rule of the mapping can be tested without a server.
 */
public final class SeedanceProtocol {

	private static final Logger log = LoggerFactory.getLogger(SeedanceProtocol.class);

	private static final int MAX_TEXT = 300;

	/** Bounds the memory of "already warned" words in case the upstream sends garbage words. */
	private static final int MAX_REMEMBERED_WORDS = 1000;

	private final JsonMapper jsonMapper;

	private final Set<String> warnedWords = ConcurrentHashMap.newKeySet();

	public SeedanceProtocol(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * {@code {"model":…,"content":<contentJson verbatim>,"duration":…,"ratio":…[,"callback_url":…]}}: the
	 * scalar fields are written (and escaped) by Jackson, the content items are copied as they are.
	 */
	public String createBody(CreateTask task) {
		StringWriter out = new StringWriter(task.contentJson().length() + 200);
		try (JsonGenerator generator = jsonMapper.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeStringProperty("model", task.model());
			generator.writeName("content");
			generator.writeRawValue(task.contentJson());
			generator.writeNumberProperty("duration", task.duration());
			generator.writeStringProperty("ratio", task.ratio());
			if (task.callbackUrl() != null) {
				generator.writeStringProperty("callback_url", task.callbackUrl());
			}
			generator.writeEndObject();
		}
		return out.toString();
	}

	/**
	 * A create's answer. A 2xx without a task id is {@code Unknown} (a task may exist); a 4xx is the
	 * request's fault except 401/403 (our key), 404/405 (wrong base URL), 408 and 429 (try later); a 502
	 * or 504 comes from a proxy that may have passed the request on, so it is {@code Unknown}; any other
	 * status is {@code Transient}.
	 */
	public UpstreamOutcome readCreate(int status, String body) {
		if (status >= 200 && status < 300) {
			CreateEnvelope envelope = parse(body, CreateEnvelope.class);
			if (envelope == null) {
				return new UpstreamOutcome.Unknown("HTTP " + status + " with a body that is not the expected JSON");
			}
			String taskId = envelope.data() == null ? null : envelope.data().taskId();
			if (isZero(envelope.code()) && taskId != null && !taskId.isBlank()) {
				return new UpstreamOutcome.Accepted(taskId);
			}
			return new UpstreamOutcome.Unknown("HTTP " + status + " without a task id (code " + envelope.code()
					+ messageSuffix(envelope.message()) + ")");
		}
		if (status == 401 || status == 403) {
			return new UpstreamOutcome.Unauthorized();
		}
		if (status == 404 || status == 405 || status == 408 || status == 429) {
			return new UpstreamOutcome.Transient(httpReason(status, body));
		}
		if (status >= 400 && status < 500) {
			String message = errorMessage(body);
			return new UpstreamOutcome.Rejected(message == null ? "HTTP " + status : message);
		}
		if (status == 502 || status == 504) {
			return new UpstreamOutcome.Unknown(httpReason(status, body) + " (a proxy may have passed the request on)");
		}
		return new UpstreamOutcome.Transient(httpReason(status, body));
	}

	/** A query's answer; 404 counts as "task not found" only when it carries the upstream's envelope. */
	public QueryOutcome readQuery(String taskId, int status, String body) {
		if (status >= 200 && status < 300) {
			QueryEnvelope envelope = parse(body, QueryEnvelope.class);
			if (envelope == null) {
				return new QueryOutcome.Transient("HTTP " + status + " with a body that is not the expected JSON");
			}
			TaskData data = envelope.data();
			if (!isZero(envelope.code()) || data == null || data.status() == null || data.status().isBlank()) {
				return new QueryOutcome.Transient("HTTP " + status + " without a task status (code " + envelope.code()
						+ messageSuffix(envelope.message()) + ")");
			}
			return taskState(taskId, data);
		}
		if (status == 401 || status == 403) {
			return new QueryOutcome.Unauthorized();
		}
		if (status == 404) {
			ErrorEnvelope envelope = parse(body, ErrorEnvelope.class);
			if (envelope != null && envelope.code() != null) {
				return new QueryOutcome.NotFound();
			}
		}
		return new QueryOutcome.Transient(httpReason(status, body));
	}

	private QueryOutcome.TaskState taskState(String requestedId, TaskData data) {
		String raw = data.status();
		TaskPhase phase = TaskPhase.of(raw);
		if (!TaskPhase.isKnownWord(raw) && warnedWords.size() < MAX_REMEMBERED_WORDS
				&& warnedWords.add(raw.strip().toLowerCase(java.util.Locale.ROOT))) {
			log.warn("Upstream reported a status word never seen before: '{}'; treating it as in progress",
					truncate(raw));
		}
		String taskId = data.taskId() == null || data.taskId().isBlank() ? requestedId : data.taskId();
		String video = data.result() == null ? null : data.result().video();
		String reason = data.statusReason() == null ? null : data.statusReason().message();
		return new QueryOutcome.TaskState(taskId, raw, phase, video, decimal(data.consumed(), taskId), reason);
	}

	private static @Nullable BigDecimal decimal(@Nullable String consumed, String taskId) {
		if (consumed == null || consumed.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(consumed.strip());
		}
		catch (NumberFormatException ex) {
			log.warn("Upstream reported consumed '{}' for task {}, which is not a decimal; ignoring it",
					truncate(consumed), taskId);
			return null;
		}
	}

	private <T> @Nullable T parse(String body, Class<T> type) {
		if (body.isBlank()) {
			return null;
		}
		try {
			return jsonMapper.readValue(body, type);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private @Nullable String errorMessage(String body) {
		ErrorEnvelope envelope = parse(body, ErrorEnvelope.class);
		return envelope == null || envelope.message() == null || envelope.message().isBlank() ? null
				: truncate(envelope.message());
	}

	private String httpReason(int status, String body) {
		String message = errorMessage(body);
		return "HTTP " + status + (message == null ? "" : ": " + message);
	}

	private static boolean isZero(@Nullable Integer code) {
		return code != null && code == 0;
	}

	private static String messageSuffix(@Nullable String message) {
		return message == null || message.isBlank() ? "" : ": " + truncate(message);
	}

	private static String truncate(String text) {
		return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
	}

}
