@ApplicationModule(allowedDependencies = { "jobs", "upstream" })
package com.seedance.modulithfixture.tracking;

import org.springframework.modulith.ApplicationModule;
