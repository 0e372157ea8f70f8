package com.seedance.gateway.shared;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A request that reaches an endpoint with a query string that is not percent-encoded UTF-8 ({@code %ff},
 * {@code %zz}, a lone {@code %}, a cut-off sequence such as {@code %e2%82}) is refused with 400
 * {@code malformed_request}, whether or not the endpoint reads its parameters, so bad bytes never pass as
 * something else. Checked once the path has matched an endpoint: an unknown path stays a 404.
 */
@Configuration(proxyBeanMethods = false)
class QueryStringCheck implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (handler instanceof HandlerMethod && request.getDispatcherType() == DispatcherType.REQUEST
						&& !isWellFormed(request.getQueryString())) {
					throw new MalformedRequest(
							"The query string is not valid percent-encoded UTF-8 (for example %ff, %zz or a lone %).");
				}
				return true;
			}

		});
	}

	/**
	 * Every {@code %} starts two hex digits, the bytes they stand for are UTF-8, and everything else is ASCII (as
	 * RFC 3986 wants; Tomcat refuses other raw bytes in the request line before this runs).
	 */
	static boolean isWellFormed(@Nullable String query) {
		if (query == null) {
			return true;
		}
		ByteBuffer bytes = ByteBuffer.allocate(query.length());
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c >= 0x80) {
				return false;
			}
			if (c != '%') {
				bytes.put((byte) c);
				continue;
			}
			if (i + 2 >= query.length()) {
				return false;
			}
			int high = hexDigit(query.charAt(i + 1));
			int low = hexDigit(query.charAt(i + 2));
			if (high < 0 || low < 0) {
				return false;
			}
			bytes.put((byte) (high << 4 | low));
			i += 2;
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes.flip());
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static int hexDigit(char c) {
		return c < 0x80 ? Character.digit(c, 16) : -1;
	}

}
