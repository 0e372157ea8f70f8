package com.seedance.gateway.upstream.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import com.seedance.gateway.upstream.SeedanceProperties;

/**
 * The simulated tasks: in memory only, so a restart loses them (a query then answers 404, as the upstream
 * does for a task it does not know). Each task moves {@code pending → processing → success|failed} on a
 * timer whose single thread runs every step (so steps never race), and calls its {@code callback_url} when it ends.
 */
@Component
@ConditionalOnBooleanProperty("seedance.sandbox")
class SandboxTasks implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SandboxTasks.class);

	static final String FAILURE_MESSAGE = "Sandbox: simulated generation failure";

	private static final BigDecimal COST_PER_SECOND = new BigDecimal("0.100000");

	enum Behaviour {

		SUCCEED, FAIL, HANG, SLOW

	}

	static final class Task {

		final String id;

		final int duration;

		final Instant createdAt;

		final String videoUrl;

		final @Nullable String callbackUrl;

		volatile String status = "pending";

		volatile @Nullable String reason;

		Task(String id, int duration, Instant createdAt, String videoUrl, @Nullable String callbackUrl) {
			this.id = id;
			this.duration = duration;
			this.createdAt = createdAt;
			this.videoUrl = videoUrl;
			this.callbackUrl = callbackUrl;
		}

		String consumed() {
			BigDecimal seconds = status.equals("success") ? BigDecimal.valueOf(duration) : BigDecimal.ZERO;
			return COST_PER_SECOND.multiply(seconds).setScale(6).toPlainString();
		}

	}

	private final Map<String, Task> tasks = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "sandbox-tasks");
		thread.setDaemon(true);
		return thread;
	});

	private final SeedanceProperties.SandboxSettings settings;

	private final Clock clock;

	private final WebClient callbacks;

	SandboxTasks(SeedanceProperties properties, Clock clock, WebClient.Builder webClientBuilder) {
		this.settings = properties.sandboxSettings();
		this.clock = clock;
		// not observed: the simulated upstream's calls are not the gateway's, and their URIs carry callback tokens
		this.callbacks = webClientBuilder.clone().observationRegistry(ObservationRegistry.NOOP).build();
	}

	Task create(int duration, Behaviour behaviour, String videoUrl, @Nullable String callbackUrl) {
		Task task = new Task("sb" + UUID.randomUUID(), duration, clock.instant(), videoUrl, callbackUrl);
		tasks.put(task.id, task);
		later(settings.processingAfter(), () -> {
			if (task.status.equals("pending")) {
				task.status = "processing";
			}
		});
		if (behaviour == Behaviour.HANG) {
			return task;
		}
		Duration total = behaviour == Behaviour.SLOW ? settings.slowTaskDuration() : settings.taskDuration();
		later(total, () -> {
			if (behaviour == Behaviour.FAIL) {
				task.reason = FAILURE_MESSAGE;
				task.status = "failed";
			}
			else {
				task.status = "success";
			}
			callBack(task);
		});
		return task;
	}

	Optional<Task> find(String taskId) {
		return Optional.ofNullable(tasks.get(taskId));
	}

	private void later(Duration delay, Runnable action) {
		timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Fire and forget, like the upstream: the gateway must not depend on it arriving. */
	private void callBack(Task task) {
		if (task.callbackUrl == null) {
			return;
		}
		callbacks.post()
			.uri(task.callbackUrl)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("task_id", task.id, "status", task.status))
			.retrieve()
			.toBodilessEntity()
			.timeout(Duration.ofSeconds(10))
			.subscribe(response -> log.debug("Sandbox callback for {} answered {}", task.id, response.getStatusCode()),
					ex -> log.debug("Sandbox callback for {} failed: {}", task.id, ex.toString()));
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

}
