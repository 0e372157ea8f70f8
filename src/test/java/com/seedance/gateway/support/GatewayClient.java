package com.seedance.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP against the application on its random port. Bodies are maps or records written as JSON; the
 * reply is never an exception, whatever its status.
 */
public final class GatewayClient {

	public static final String ADMIN_TOKEN = "test-admin-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	public GatewayClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public Reply get(String path, @Nullable String token) {
		return send("GET", path, token, null);
	}

	public Reply post(String path, @Nullable String token, Object body) {
		return send("POST", path, token, body);
	}

	public Reply patch(String path, @Nullable String token, Object body) {
		return send("PATCH", path, token, body);
	}

	public Reply delete(String path, @Nullable String token) {
		return send("DELETE", path, token, null);
	}

	public Reply admin(String method, String path, @Nullable Object body) {
		return send(method, path, ADMIN_TOKEN, body);
	}

	public Reply send(String method, String path, @Nullable String token, @Nullable Object body) {
		return send(method, path, token, "application/json", body);
	}

	public Reply send(String method, String path, @Nullable String token, String contentType, @Nullable Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return sendRaw(request, method, contentType, body);
	}

	public HttpRequest.Builder request(String path, String token) {
		return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token);
	}

	public Reply post(String path, String token, String contentType, HttpRequest.BodyPublisher body) {
		return send(request(path, token).header("Content-Type", contentType).POST(body));
	}

	/** For requests whose Authorization header is not a well-formed bearer token. */
	public Reply sendWithAuthorization(String method, String path, String authorization) {
		return sendRaw(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization),
				method, "application/json", null);
	}

	private Reply sendRaw(HttpRequest.Builder request, String method, String contentType, @Nullable Object body) {
		if (body == null) {
			request.method(method, BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", contentType)
				.method(method, BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body)));
		}
		return send(request);
	}

	public Reply send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Reply(int status, HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public Optional<String> header(String name) {
			return headers.firstValue(name);
		}

		public String contentType() {
			return header("Content-Type").orElse("");
		}

		/** The {@code field} of every entry in a problem's {@code errors}. */
		public java.util.List<String> errorFields() {
			return json().path("errors").valueStream().map(error -> error.path("field").asString()).toList();
		}

		@Override
		public String toString() {
			return status + " " + body;
		}

	}

}
