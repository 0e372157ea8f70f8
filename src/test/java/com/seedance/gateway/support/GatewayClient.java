package com.seedance.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against the application on its random port, with a bearer token. */
public final class GatewayClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	public GatewayClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public HttpRequest.Builder request(String path, String token) {
		return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token);
	}

	public Reply get(String path, String token) {
		return send(request(path, token).GET());
	}

	public Reply post(String path, String token, String json) {
		return post(path, token, "application/json", BodyPublishers.ofString(json));
	}

	public Reply post(String path, String token, String contentType, BodyPublisher body) {
		return send(request(path, token).header("Content-Type", contentType).POST(body));
	}

	public Reply send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
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

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
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
