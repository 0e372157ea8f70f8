package com.seedance.gateway.upstream.sandbox;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A simulator of the upstream's protocol ({@code seedance-upstream.md}) on the gateway's own port; the
 * {@link com.seedance.gateway.upstream.SeedanceClient} talks to it when {@code seedance.sandbox=true}. It
 * accepts any or no bearer token. Prompt markers steer it: see docs/sandbox.md.
 */
@Hidden
@RestController
@RequestMapping("/sandbox")
@ConditionalOnBooleanProperty("seedance.sandbox")
class SandboxController {

	static final String VIDEO_PATH = "/sandbox/videos/sample.mp4";

	private static final Set<Integer> DURATIONS = Set.of(5, 10, 15);

	private static final Set<String> RATIOS = Set.of("16:9", "9:16", "1:1", "4:3", "3:4", "21:9");

	private static final Resource VIDEO = new ClassPathResource("sandbox/sample.mp4");

	private final SandboxTasks tasks;

	private final JsonMapper jsonMapper;

	private final @Nullable String publicUrl;

	SandboxController(SandboxTasks tasks, JsonMapper jsonMapper,
			@Value("${gateway.public-url:}") @Nullable String publicUrl) {
		this.tasks = tasks;
		this.jsonMapper = jsonMapper;
		this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
	}

	@PostMapping(path = "/api/video/seedance/gen", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) @Nullable String body) {
		JsonNode request;
		try {
			request = body == null ? null : jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return error(HttpStatus.BAD_REQUEST, "invalid JSON body");
		}
		if (request == null || !request.isObject()) {
			return error(HttpStatus.BAD_REQUEST, "the body must be a JSON object");
		}
		Optional<String> invalid = invalid(request);
		if (invalid.isPresent()) {
			return error(HttpStatus.BAD_REQUEST, invalid.get());
		}
		String text = texts(request.get("content"));
		if (text.contains("[sandbox:reject]")) {
			return error(HttpStatus.BAD_REQUEST, "Sandbox: simulated invalid parameters");
		}
		SandboxTasks.Behaviour behaviour = text.contains("[sandbox:fail]") ? SandboxTasks.Behaviour.FAIL
				: text.contains("[sandbox:hang]") ? SandboxTasks.Behaviour.HANG
						: text.contains("[sandbox:slow]") ? SandboxTasks.Behaviour.SLOW : SandboxTasks.Behaviour.SUCCEED;
		int duration = request.hasNonNull("duration") ? request.get("duration").intValue() : 5;
		String callbackUrl = request.hasNonNull("callback_url") ? request.get("callback_url").asString() : null;
		SandboxTasks.Task task = tasks.create(duration, behaviour, videoUrl(), callbackUrl);
		return ok(Map.of("task_id", task.id));
	}

	@GetMapping(path = "/api/task/query", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> query(@RequestParam(name = "task_id", required = false) @Nullable String taskId) {
		if (taskId == null || taskId.isBlank()) {
			return error(HttpStatus.BAD_REQUEST, "task_id is required");
		}
		Optional<SandboxTasks.Task> found = tasks.find(taskId);
		if (found.isEmpty()) {
			return error(HttpStatus.NOT_FOUND, "task not found");
		}
		SandboxTasks.Task task = found.get();
		String status = task.status;
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("task_id", task.id);
		data.put("status", status);
		data.put("result", status.equals("success") ? Map.of("video", task.videoUrl) : null);
		data.put("consumed", task.consumed());
		Map<String, Object> reason = new LinkedHashMap<>();
		reason.put("message", task.reason);
		data.put("status_reason", reason);
		data.put("created_at", DateTimeFormatter.ISO_INSTANT.format(task.createdAt));
		return ok(data);
	}

	@GetMapping("/videos/sample.mp4")
	ResponseEntity<Resource> video() {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("video/mp4"))
			.cacheControl(CacheControl.noCache())
			.body(VIDEO);
	}

	/** The checks the upstream documents, answered as it does: 400 with code 1. */
	private static Optional<String> invalid(JsonNode request) {
		JsonNode content = request.get("content");
		if (content == null || !content.isArray() || content.isEmpty()) {
			return Optional.of("content is required");
		}
		int images = 0;
		for (JsonNode item : content) {
			String type = item.path("type").asString("");
			if (type.equals("image_url")) {
				images++;
				if (!item.path("image_url").path("url").isString()) {
					return Optional.of("image_url.url is required");
				}
			}
			else if (!type.equals("text") || !item.path("text").isString()) {
				return Optional.of("content items must be text or image_url");
			}
		}
		if (images > 9) {
			return Optional.of("at most 9 images");
		}
		JsonNode duration = request.get("duration");
		if (duration != null && !duration.isNull()
				&& (!duration.isIntegralNumber() || !DURATIONS.contains(duration.intValue()))) {
			return Optional.of("duration must be 5, 10 or 15");
		}
		JsonNode ratio = request.get("ratio");
		if (ratio != null && !ratio.isNull() && (!ratio.isString() || !RATIOS.contains(ratio.asString()))) {
			return Optional.of("ratio must be one of " + RATIOS);
		}
		JsonNode model = request.get("model");
		if (model != null && !model.isNull() && !model.isString()) {
			return Optional.of("model must be a string");
		}
		JsonNode callback = request.get("callback_url");
		if (callback != null && !callback.isNull()
				&& (!callback.isString() || !callback.asString().matches("(?i)https?://.+"))) {
			return Optional.of("callback_url must be an http(s) URL");
		}
		return Optional.empty();
	}

	private static String texts(JsonNode content) {
		StringBuilder text = new StringBuilder();
		for (JsonNode item : content) {
			if (item.path("type").asString("").equals("text")) {
				text.append(item.path("text").asString("")).append('\n');
			}
		}
		return text.toString();
	}

	/** Where the gateway's clients can fetch the sample: the public URL when set, else this request's host. */
	private String videoUrl() {
		String base = publicUrl != null ? publicUrl
				: ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		return base + VIDEO_PATH;
	}

	private static ResponseEntity<Map<String, Object>> ok(Object data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", 0);
		body.put("message", "ok");
		body.put("data", data);
		return ResponseEntity.ok(body);
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", 1);
		body.put("message", message);
		return ResponseEntity.status(status).body(body);
	}

}
