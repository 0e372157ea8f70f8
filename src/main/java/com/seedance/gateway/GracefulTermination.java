package com.seedance.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import sun.misc.Signal;

/**
 * SIGTERM (Kubernetes, Docker or systemd stopping the gateway) closes the application context, the graceful way
 * its lifecycle phases define, and the process exits with what {@link SpringApplication#exit} reports: 0 after a
 * clean shutdown. Left to the JVM, SIGTERM runs the same shutdown but always exits with 143 (128 + 15), so an
 * orchestrator cannot tell a clean stop from a failed one.
 * <p>
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}, kept available by JEP 260) is the JDK's only way to
 * handle a signal; the compiler warns about it as an internal API.
 */
final class GracefulTermination {

	private static final Logger log = LoggerFactory.getLogger(GracefulTermination.class);

	private GracefulTermination() {
	}

	static void install(ConfigurableApplicationContext context) {
		// the JVM's signal thread has none of the application's class loader (the jar's nested jars), and the threads
		// the shutdown starts inherit it: give it the one the application runs with
		ClassLoader applicationClassLoader = Thread.currentThread().getContextClassLoader();
		try {
			Signal.handle(new Signal("TERM"), signal -> {
				Thread.currentThread().setContextClassLoader(applicationClassLoader);
				log.info("SIGTERM: shutting down");
				System.exit(SpringApplication.exit(context));
			});
		}
		catch (IllegalArgumentException | UnsupportedOperationException ex) {
			// no SIGTERM here (or the JVM keeps it, -Xrs): the JVM's own shutdown, exit code 143
			log.debug("SIGTERM not handled: {}", ex.getMessage());
		}
	}

}
