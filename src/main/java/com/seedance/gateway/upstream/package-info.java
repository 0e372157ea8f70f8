/**
 * The adapter to the Seedance upstream: {@link com.seedance.gateway.upstream.SeedanceClient} and the
 * outcomes it returns, its configuration, its health, and (in {@code sandbox}) a simulator of the upstream.
 * Depends on no other module: callers pass plain values and never hand it a job.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package com.seedance.gateway.upstream;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
