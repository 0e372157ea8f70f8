package com.seedance.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(GatewayApplication.class);

	/** Fails on a cycle or on reaching into another module's internals; then documents the modules. */
	@Test
	void modules_have_no_cycles_and_use_only_each_others_api() {
		modules.verify();
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
