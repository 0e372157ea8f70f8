/**
 * Jobs: the Job aggregate and its states, the client jobs API, job history for operators.
 */
@NullMarked
package com.seedance.gateway.jobs;

import org.jspecify.annotations.NullMarked;
