/** HTTP API of notifications: operators' delivery log and redelivery, a team's deliveries of its job. */
@NullMarked
package com.seedance.gateway.notify.web;

import org.jspecify.annotations.NullMarked;
