/**
 * Teams, their quotas and API keys, and who may call what: the gateway's authentication.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package com.seedance.gateway.teams;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
