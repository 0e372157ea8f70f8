package com.seedance.gateway.dev;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The datasource whoever runs the gateway set ({@code SPRING_DATASOURCE_URL}, {@code -Dspring.datasource.url},
 * {@code --spring.datasource.url}, a config file of their own), as opposed to the default {@code application.yml}
 * ships (127.0.0.1:5432). A configured datasource always wins over the embedded one.
 */
final class ConfiguredDatasource {

	private static final ConfigurationPropertyName URL = ConfigurationPropertyName.of("spring.datasource.url");

	private ConfiguredDatasource() {
	}

	/** The configured URL, or null when the only one is the default {@code application.yml} ships. */
	static @Nullable String url(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty url = source.getConfigurationProperty(URL);
			if (url != null) {
				return shippedDefault(url.getOrigin()) ? null : String.valueOf(url.getValue());
			}
		}
		return null;
	}

	private static boolean shippedDefault(@Nullable Origin origin) {
		if (origin instanceof PropertySourceOrigin wrapped) {
			return shippedDefault(wrapped.getOrigin());
		}
		return origin instanceof TextResourceOrigin text && text.getResource() != null
				&& isShippedConfiguration(text.getResource());
	}

	private static boolean isShippedConfiguration(Resource resource) {
		try {
			return resource.getURL().equals(new ClassPathResource("application.yml").getURL());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Matches when no datasource is configured: the development run then starts its embedded PostgreSQL. */
	static class Absent implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return url(context.getEnvironment()) == null;
		}

	}

}
