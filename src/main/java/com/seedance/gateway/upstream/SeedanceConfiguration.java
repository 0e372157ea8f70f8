package com.seedance.gateway.upstream;

import java.net.URI;
import java.util.function.Supplier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import com.seedance.gateway.upstream.wire.SeedanceProtocol;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SeedanceConfiguration {

	/**
	 * The one place the API key is used: a default header of the client's {@link WebClient}. In sandbox mode
	 * no key is sent and the base URL is this gateway's own {@code /sandbox}, resolved at each call because the
	 * port is known only after the server has started ({@code server.port=0}).
	 */
	@Bean
	SeedanceClient seedanceClient(WebClient.Builder builder, SeedanceProperties properties, JsonMapper jsonMapper,
			Environment environment, MeterRegistry meterRegistry, UpstreamHealthIndicator health) {
		builder.clientConnector(connector(properties));
		Supplier<URI> baseUrl;
		if (properties.sandbox()) {
			baseUrl = () -> sandboxBaseUrl(environment);
		}
		else {
			builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey());
			URI configured = properties.baseUrl();
			baseUrl = () -> configured;
		}
		return new SeedanceClient(builder.build(), baseUrl, properties, new SeedanceProtocol(jsonMapper),
				meterRegistry, health);
	}

	static ReactorClientHttpConnector connector(SeedanceProperties properties) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
			.responseTimeout(properties.responseTimeout());
		return new ReactorClientHttpConnector(httpClient);
	}

	static URI sandboxBaseUrl(Environment environment) {
		String port = environment.getProperty("local.server.port");
		if (port == null || port.equals("0")) {
			throw new IllegalStateException("the sandbox's web server has not started yet");
		}
		String contextPath = environment.getProperty("server.servlet.context-path", "");
		return URI.create("http://127.0.0.1:" + port + contextPath + "/sandbox");
	}

}
