package com.seedance.gateway;

import org.springframework.boot.SpringApplication;

import com.seedance.gateway.dev.DevServices;

/**
 * The development run: {@code ./mvnw spring-boot:test-run} starts the gateway with {@link DevServices} (an embedded
 * PostgreSQL whose data stays in {@code .dev/postgres}, unless a datasource is configured) and the {@code dev}
 * profile ({@code application-dev.yml}: the sandbox upstream, the admin token {@code dev-admin-token}).
 */
public class TestGatewayApplication {

	public static void main(String[] args) {
		devRun().run(args);
	}

	public static SpringApplication.Augmented devRun() {
		return SpringApplication.from(GatewayApplication::main)
			.with(DevServices.class)
			.withAdditionalProfiles(DevServices.PROFILE);
	}

}
