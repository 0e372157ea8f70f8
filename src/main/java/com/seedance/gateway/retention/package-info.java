/**
 * Retention: old history is purged in batches (job events, notification tries, expired idempotency keys) by
 * whichever instance holds the lock; the tables' owning modules provide the statements.
 */
@ApplicationModule(allowedDependencies = { "jobs", "notify" })
@NullMarked
package com.seedance.gateway.retention;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
