/**
 * The development run, {@code ./mvnw spring-boot:test-run}: an embedded PostgreSQL kept in {@code .dev/postgres}
 * and the dev profile (the sandbox upstream, admin token {@code dev-admin-token}). Test scope: none of it is in the
 * jar.
 */
@NullMarked
package com.seedance.gateway.dev;

import org.jspecify.annotations.NullMarked;
