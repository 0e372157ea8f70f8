@ApplicationModule(allowedDependencies = {})
package com.seedance.modulithfixture.jobs;

import org.springframework.modulith.ApplicationModule;
