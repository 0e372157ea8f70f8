package com.seedance.gateway.shared;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code Accept} is honoured when it can be and disregarded when it cannot (RFC 9110, 12.5.1): an {@code Accept}
 * that names nothing the endpoint produces, cannot be parsed, or holds bytes the firewall refuses gets the endpoint's
 * usual answer. An answer is only chosen after the handler ran, so refusing it then with 406 would tell the client
 * that a request failed which had in fact created or cancelled a job.
 */
@Configuration(proxyBeanMethods = false)
class LenientContentNegotiation implements WebMvcConfigurer {

	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		configurer.strategies(List.of(new AcceptOrAnything()));
	}

	private static final class AcceptOrAnything implements ContentNegotiationStrategy {

		private final HeaderContentNegotiationStrategy accept = new HeaderContentNegotiationStrategy();

		@Override
		public List<MediaType> resolveMediaTypes(NativeWebRequest request) {
			List<MediaType> accepted;
			try {
				accepted = accept.resolveMediaTypes(request);
			}
			catch (HttpMediaTypeNotAcceptableException | RuntimeException unreadable) {
				// an Accept that does not parse, or that the firewall refuses to hand out (control characters)
				return MEDIA_TYPE_ALL_LIST;
			}
			if (accepted.contains(MediaType.ALL)) {
				return accepted;
			}
			List<MediaType> orAnything = new ArrayList<>(accepted);
			orAnything.add(MediaType.ALL);
			return orAnything;
		}

	}

}
