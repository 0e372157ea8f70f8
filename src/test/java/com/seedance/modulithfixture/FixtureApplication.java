package com.seedance.modulithfixture;

import org.springframework.modulith.Modulithic;

/**
 * A tiny application laid out like the gateway, with one import in the wrong direction
 * ({@code upstream} sees a {@code Job}), for {@code ModularityTests} to prove that the declared
 * dependencies are enforced. Not a Spring application: nothing here is ever started.
 */
@Modulithic(sharedModules = "shared")
public class FixtureApplication {
}
