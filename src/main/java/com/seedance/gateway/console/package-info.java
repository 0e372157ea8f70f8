/**
 * The operators' web console under {@code /console}: server-rendered pages (Thymeleaf, htmx) over the other modules'
 * data, signed in with the admin token into a session kept in PostgreSQL. It reads with plain SQL or the modules'
 * public APIs and acts only through their services, so every event of an action happens once. It also keeps the
 * audit of every operator action, from the console and from the admin API alike. Nothing depends on it.
 */
@ApplicationModule(allowedDependencies = { "jobs", "teams", "credits", "notify" })
@NullMarked
package com.seedance.gateway.console;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
