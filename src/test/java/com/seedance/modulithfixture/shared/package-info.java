@ApplicationModule(allowedDependencies = {})
package com.seedance.modulithfixture.shared;

import org.springframework.modulith.ApplicationModule;
