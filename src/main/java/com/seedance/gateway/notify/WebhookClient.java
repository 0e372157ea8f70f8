package com.seedance.gateway.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * POSTs notifications to the teams' receivers with the JDK's HTTP client (blocking, so a virtual thread waits
 * cheaply): short connect and response timeouts, and redirects never followed (a 3xx is a failed try, so a
 * receiver cannot bounce a signed message to a host the allow-list does not name).
 */
@Component
class WebhookClient {

	/** What came of one POST: a 2xx is {@code delivered}; anything else carries an {@code error}. */
	record Response(@Nullable Integer httpStatus, long durationMs, @Nullable String error) {

		boolean delivered() {
			return error == null;
		}

	}

	private final HttpClient http;

	private final DeliveryProperties properties;

	WebhookClient(DeliveryProperties properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	Response post(URI url, Map<String, String> headers, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.timeout(properties.responseTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "seedance-gateway-webhooks")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		headers.forEach(request::header);
		long started = System.nanoTime();
		try {
			HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			// the body is never read: a receiver that answers the headers and then stalls cannot hold a worker
			response.body().close();
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new Response(status, millisSince(started), null);
			}
			return new Response(status, millisSince(started),
					"HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
		}
		catch (HttpConnectTimeoutException ex) {
			return new Response(null, millisSince(started), "connect timeout after " + properties.connectTimeout());
		}
		catch (HttpTimeoutException ex) {
			return new Response(null, millisSince(started), "no response within " + properties.responseTimeout());
		}
		catch (ConnectException ex) {
			return new Response(null, millisSince(started), "connection refused");
		}
		catch (IOException ex) {
			return new Response(null, millisSince(started), "connection failed: " + describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Response(null, millisSince(started), "interrupted");
		}
	}

	private static String describe(IOException ex) {
		return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
	}

	private static long millisSince(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

}
