@ApplicationModule(allowedDependencies = {})
package com.seedance.modulithfixture.upstream;

import org.springframework.modulith.ApplicationModule;
