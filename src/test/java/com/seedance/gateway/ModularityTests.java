package com.seedance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

import com.seedance.modulithfixture.FixtureApplication;

class ModularityTests {

	/**
	 * The design: which modules each module may use ({@code shared} is always allowed). Each module's
	 * {@code package-info} declares its line with {@code @ApplicationModule(allowedDependencies = …)}, and
	 * {@code verify()} fails the build on an import that the declaration does not allow.
	 */
	private static final Map<String, Set<String>> ALLOWED_DEPENDENCIES = Map.of(
			"shared", Set.of(),
			"teams", Set.of(),
			"upstream", Set.of(),
			"jobs", Set.of("teams"),
			"tracking", Set.of("jobs", "upstream", "teams"),
			"credits", Set.of("jobs", "teams"),
			"notify", Set.of("jobs", "teams"),
			"retention", Set.of("jobs", "notify"),
			"console", Set.of("jobs", "teams", "credits", "notify"));

	private final ApplicationModules modules = ApplicationModules.of(GatewayApplication.class);

	/** Fails on a cycle, on an undeclared dependency or on reaching into another module's internals. */
	@Test
	void modules_have_no_cycles_and_use_only_the_declared_modules_through_their_api() {
		modules.verify();
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

	@Test
	void every_module_declares_exactly_the_dependencies_of_the_design() {
		Map<String, Set<String>> declared = new TreeMap<>();
		modules.forEach(module -> {
			String packageInfo = module.getBasePackage().getName() + ".package-info";
			ApplicationModule annotation = packageInfoAnnotation(packageInfo);
			assertThat(annotation).as("@ApplicationModule on %s", packageInfo).isNotNull();
			declared.put(module.getName(), new TreeSet<>(Arrays.asList(annotation.allowedDependencies())));
		});
		assertThat(declared).isEqualTo(new TreeMap<>(ALLOWED_DEPENDENCIES));
	}

	/** The rule bites: a fixture application in which {@code upstream} imports {@code jobs}. */
	@Test
	void an_import_against_the_declared_dependencies_fails_verification() {
		ApplicationModules fixture = ApplicationModules.of(FixtureApplication.class, location -> true);

		assertThat(fixture.stream().map(module -> module.getName()))
			.containsExactlyInAnyOrder("shared", "jobs", "upstream", "tracking");
		assertThatExceptionOfType(Violations.class).isThrownBy(fixture::verify);
		// the one violation; jobs using the shared module without listing it is not one
		assertThat(fixture.detectViolations().getMessages()).singleElement()
			.asString()
			.startsWith("Module 'upstream' depends on module 'jobs' via "
					+ "com.seedance.modulithfixture.upstream.Client -> com.seedance.modulithfixture.jobs.Job");
	}

	private static ApplicationModule packageInfoAnnotation(String packageInfo) {
		try {
			return Class.forName(packageInfo).getAnnotation(ApplicationModule.class);
		}
		catch (ClassNotFoundException ex) {
			throw new AssertionError("no " + packageInfo, ex);
		}
	}

}
