/**
 * Notifications: telling a team's own systems about its jobs. Outbound webhooks to a job's {@code notify_url}
 * through a transactional outbox ({@code webhook_delivery}), signed as Standard Webhooks do; and live status
 * streams ({@code GET /jobs/{id}/events}) fed by PostgreSQL {@code LISTEN/NOTIFY} from every instance.
 */
@ApplicationModule(allowedDependencies = { "jobs", "teams" })
@NullMarked
package com.seedance.gateway.notify;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
