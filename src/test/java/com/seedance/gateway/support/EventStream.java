package com.seedance.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code text/event-stream} read line by line as it arrives ({@code BodyHandlers.ofLines()}), parsed as a browser
 * does: {@code event:}, {@code id:}, {@code data:} fields up to a blank line make one event; lines starting with
 * {@code :} are comments. {@link #close()} drops the connection, as a client that goes away does.
 */
public final class EventStream implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** One event; {@code id} is null when the event had no {@code id:} field. */
	public record Event(String name, @Nullable String id, String data) {

		public JsonNode json() {
			return JSON.readTree(data);
		}

		public String status() {
			return json().get("status").asString();
		}

	}

	private final HttpResponse<Stream<String>> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final List<String> comments = Collections.synchronizedList(new ArrayList<>());

	private final CountDownLatch ended = new CountDownLatch(1);

	private final String body;

	private EventStream(HttpResponse<Stream<String>> response) {
		this.response = response;
		if (response.statusCode() != 200) {
			try (Stream<String> lines = response.body()) {
				body = lines.collect(Collectors.joining("\n"));
			}
			ended.countDown();
			return;
		}
		body = "";
		Thread reader = new Thread(this::read, "event-stream-reader");
		reader.setDaemon(true);
		reader.start();
	}

	/** Sends {@code request} and returns once the response's headers are in; events are read in the background. */
	public static EventStream open(HttpClient http, HttpRequest request) {
		try {
			return new EventStream(http.send(request, HttpResponse.BodyHandlers.ofLines()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int status() {
		return response.statusCode();
	}

	public HttpHeaders headers() {
		return response.headers();
	}

	/** The whole body of a response that was not a stream (a problem). */
	public JsonNode problem() {
		return JSON.readTree(body);
	}

	/** The next event, waiting for it up to ten seconds. */
	public Event next() {
		try {
			Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (event == null) {
				throw new AssertionError("no event within " + WAIT + " (HTTP " + response.statusCode() + " " + body
						+ "); comments so far: " + comments);
			}
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Events received and not yet taken with {@link #next()}. */
	public List<Event> pending() {
		return List.copyOf(events);
	}

	public List<String> comments() {
		return List.copyOf(comments);
	}

	/** Whether the server has closed the stream. */
	public boolean hasEnded() {
		return ended.getCount() == 0;
	}

	@Override
	public void close() {
		response.body().close();
	}

	private void read() {
		String name = "message";
		String id = null;
		StringBuilder data = null;
		try (Stream<String> lines = response.body()) {
			Iterator<String> iterator = lines.iterator();
			while (iterator.hasNext()) {
				String line = iterator.next();
				if (line.isEmpty()) {
					if (data != null) {
						events.add(new Event(name, id, data.toString()));
					}
					name = "message";
					id = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					comments.add(line.substring(1));
				}
				else {
					int colon = line.indexOf(':');
					String field = colon < 0 ? line : line.substring(0, colon);
					String value = colon < 0 ? "" : line.substring(colon + 1);
					if (value.startsWith(" ")) {
						value = value.substring(1);
					}
					switch (field) {
						case "event" -> name = value;
						case "id" -> id = value;
						case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
						default -> {
						}
					}
				}
			}
		}
		catch (RuntimeException closedByUs) {
			// the client closed the stream
		}
		finally {
			ended.countDown();
		}
	}

}
