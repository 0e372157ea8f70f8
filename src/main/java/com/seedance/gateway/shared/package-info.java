/**
 * Infrastructure every module uses: the clock, problem+json error mapping. No domain types.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package com.seedance.gateway.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
