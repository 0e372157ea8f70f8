/**
 * Credits: the ledger of every credit the upstream may charge (reservations, settlements, releases, orphaned
 * tasks), the quotas that refuse new jobs (daily jobs, monthly credits, the gateway's monthly cap), and usage.
 * It listens to the jobs module's events inside their transactions, so money moves with the job or not at all.
 */
@ApplicationModule(allowedDependencies = { "jobs", "teams" })
@NullMarked
package com.seedance.gateway.credits;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
