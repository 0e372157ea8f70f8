package com.seedance.gateway.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A client of the console over real HTTP, as a browser without scripts would be: it keeps the session cookie, follows
 * no redirect by itself, reads the CSRF field from the pages it gets, and can present itself from another address or
 * over HTTPS through {@code X-Forwarded-For} / {@code -Proto} (believed from loopback).
 */
final class ConsoleHttp {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final int port;

	private final List<String> extraHeaders = new ArrayList<>();

	private @Nullable String sessionCookie;

	private @Nullable String csrf;

	ConsoleHttp(int port) {
		this.port = port;
	}

	/**
	 * Presents every request as coming from an address no other client of this run uses (from 198.18.0.0/15, for
	 * tests), so that refused sign-ins, counted per address, never add up across tests.
	 */
	ConsoleHttp fromAnAddressOfItsOwn() {
		int n = ADDRESSES.incrementAndGet();
		return from("198.18." + (n / 250) + "." + (1 + n % 250));
	}

	/** Presents every request as coming from {@code address}. */
	ConsoleHttp from(String address) {
		extraHeaders.add("X-Forwarded-For");
		extraHeaders.add(address);
		return this;
	}

	ConsoleHttp header(String name, String value) {
		extraHeaders.add(name);
		extraHeaders.add(value);
		return this;
	}

	record Page(int status, java.net.http.HttpHeaders headers, String body) {

		Optional<String> header(String name) {
			return headers.firstValue(name);
		}

		String location() {
			return header("Location").orElseThrow(() -> new AssertionError("no Location: " + status + " " + body));
		}

	}

	Page get(String path) {
		return send(request(path).GET());
	}

	/** Posts the form with this session's CSRF token (as the last page read carried it). */
	Page post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		if (csrf != null) {
			fields.put("_csrf", csrf);
		}
		return postRaw(path, fields);
	}

	/** Posts exactly these fields, no CSRF token added. */
	Page postRaw(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Reads the sign-in page (for its CSRF token) and posts {@code token}. */
	Page signIn(String token) {
		get("/console/login");
		return post("/console/login", Map.of("token", token));
	}

	@Nullable
	String sessionCookie() {
		return sessionCookie;
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		for (int i = 0; i < extraHeaders.size(); i += 2) {
			builder.header(extraHeaders.get(i), extraHeaders.get(i + 1));
		}
		if (sessionCookie != null) {
			builder.header("Cookie", sessionCookie);
		}
		return builder;
	}

	private Page send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (String cookie : response.headers().allValues("Set-Cookie")) {
				String pair = cookie.split(";", 2)[0];
				if (pair.startsWith("CONSOLE_SESSION=")) {
					sessionCookie = pair.equals("CONSOLE_SESSION=") ? null : pair;
				}
			}
			Matcher token = CSRF.matcher(response.body());
			if (token.find()) {
				csrf = token.group(1);
			}
			return new Page(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
