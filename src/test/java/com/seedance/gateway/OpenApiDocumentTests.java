package com.seedance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.seedance.gateway.support.GatewayClient;
import com.seedance.gateway.support.GatewayIntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code openapi.json} at the top of the repository is the document the gateway serves at {@code /v3/api-docs},
 * so teams can generate clients from the file. It fails when they drift; to write the file anew after an API
 * change: {@code ./mvnw test -Dtest=OpenApiDocumentTests -Dopenapi.write=true}.
 */
@GatewayIntegrationTest
class OpenApiDocumentTests {

	static final Path FILE = Path.of("openapi.json");

	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@LocalServerPort
	int port;

	@Test
	void the_checked_in_openapi_document_is_the_one_the_gateway_serves() throws Exception {
		ObjectNode served = (ObjectNode) new GatewayClient(port).get("/v3/api-docs", null).json();
		// the server URL names the random test port; the file names none
		served.remove("servers");
		String document = JSON.writeValueAsString(served) + "\n";
		if (Boolean.getBoolean("openapi.write")) {
			Files.writeString(FILE, document, StandardCharsets.UTF_8);
		}

		JsonNode checkedIn = JSON.readTree(Files.readString(FILE, StandardCharsets.UTF_8));

		assertThat(checkedIn).as("openapi.json differs from /v3/api-docs: rewrite it with -Dopenapi.write=true")
			.isEqualTo(served);
	}

}
