@ApplicationModule(allowedDependencies = { "jobs", "teams" })
@NullMarked
package com.seedance.gateway.notify;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
