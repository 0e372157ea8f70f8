package com.seedance.gateway.console;

import java.net.URI;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The console's Content-Security-Policy: scripts, styles, fonts and connections from the gateway only, no inline
 * script or style, no plugins, no framing, forms posted only here. A page showing a job's video also allows media
 * from that video's origin (the upstream's storage), and nothing else from it.
 */
final class ContentSecurityPolicy {

	static final String HEADER = "Content-Security-Policy";

	private static final String BASE = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'; media-src 'self'";

	static final String DEFAULT = BASE;

	private ContentSecurityPolicy() {
	}

	/** The policy for a page that plays {@code videoUrl}: media from its origin too, when it is an http(s) URL. */
	static String withVideo(@Nullable String videoUrl) {
		return origin(videoUrl).map(origin -> BASE + " " + origin).orElse(DEFAULT);
	}

	private static Optional<String> origin(@Nullable String url) {
		if (url == null) {
			return Optional.empty();
		}
		try {
			URI uri = URI.create(url);
			String scheme = uri.getScheme();
			if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
				return Optional.empty();
			}
			return Optional.of(scheme.toLowerCase() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
