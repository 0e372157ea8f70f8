/**
 * Tracking: moves queued jobs upstream (Dispatcher), follows them to the end (Poller, and the upstream's
 * callbacks), translating between jobs and the upstream client.
 */
@ApplicationModule(allowedDependencies = { "jobs", "upstream", "teams" })
@NullMarked
package com.seedance.gateway.tracking;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
