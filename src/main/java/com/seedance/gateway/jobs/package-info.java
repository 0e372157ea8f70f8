/**
 * Jobs: the Job aggregate and its states, the client jobs API, job history for operators.
 */
@ApplicationModule(allowedDependencies = { "teams" })
@NullMarked
package com.seedance.gateway.jobs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
