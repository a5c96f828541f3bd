package io.zkworkflow.architecture;

import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering rules of docs/architecture.md, checked on the compiled main classes of this module.
 * A failure names the offending class and dependency; fix the code, not the rule, unless the
 * architecture document changes with it.
 */
class LayeringTests {

	/** Capability packages: each may have an {@code internal} sub-package of its own. */
	static final List<String> CAPABILITIES = List.of("lock", "config", "task", "workflow", "dashboard", "actuate",
			"security", "embedded", "history");

	private static JavaClasses mainClasses;

	@BeforeAll
	static void importMainClasses() {
		mainClasses = new ClassFileImporter().importPath(Path.of("target", "classes"));
	}

	@Test
	void capabilitiesNeverDependOnAutoConfiguration() {
		String[] capabilityPackages = CAPABILITIES.stream().map((name) -> "io.zkworkflow." + name + "..").toArray(String[]::new);
		ArchRule rule = noClasses().that()
			.resideInAnyPackage(capabilityPackages)
			.or()
			.resideInAPackage("io.zkworkflow.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.zkworkflow.autoconfigure..")
			.because("auto-configuration hands settings to capabilities, never the other way round");
		rule.check(mainClasses);
	}

	@Test
	void internalPackagesAreUsedOnlyByTheirCapabilityAndAutoConfiguration() {
		for (String capability : CAPABILITIES) {
			ArchRule rule = noClasses().that()
				.resideOutsideOfPackages("io.zkworkflow." + capability + "..", "io.zkworkflow.autoconfigure..")
				.should()
				.dependOnClassesThat()
				.resideInAPackage("io.zkworkflow." + capability + ".internal..")
				.because("another capability uses " + capability + " only through its public API or extension points");
			rule.allowEmptyShould(true).check(mainClasses);
		}
	}

	@Test
	void sharedPlumbingDependsOnNoCapability() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("io.zkworkflow.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(CAPABILITIES.stream().map((name) -> "io.zkworkflow." + name + "..").toArray(String[]::new))
			.because("io.zkworkflow.internal is the bottom layer that every capability may use");
		rule.check(mainClasses);
	}

	@Test
	void capabilitiesAreFreeOfCycles() {
		slices().matching("io.zkworkflow.(*)..").should().beFreeOfCycles().check(mainClasses);
	}

	/**
	 * Package level: the only cycle allowed is the one between a capability's public package and
	 * its own {@code internal} package (the plumbing implements and throws the public types).
	 */
	@Test
	void packagesAreFreeOfCycles() {
		SliceRule rule = slices().matching("io.zkworkflow.(**)").should().beFreeOfCycles();
		for (String capability : CAPABILITIES) {
			String api = "io.zkworkflow." + capability;
			rule = rule.ignoreDependency(JavaClass.Predicates.resideInAPackage(api + ".internal.."),
					JavaClass.Predicates.resideInAPackage(api));
		}
		rule.check(mainClasses);
	}

	@Test
	void publicApiShowsNoInternalTypes() {
		DescribedPredicate<JavaClass> internal = DescribedPredicate.describe("an internal type",
				(type) -> type.getPackageName().contains(".internal"));
		ArchRule rule = codeUnits().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat()
			.arePublic()
			.and()
			.areDeclaredInClassesThat()
			.resideOutsideOfPackages("..internal..", "io.zkworkflow.autoconfigure..")
			.should()
			.haveRawParameterTypes(DescribedPredicate.not(DescribedPredicate.anyElementThat(internal)).forSubtype())
			.andShould()
			.haveRawReturnType(DescribedPredicate.not(internal))
			.because("a user of the public API never needs to name an internal type");
		rule.check(mainClasses);
	}

	@Test
	void autoConfigurationsAreFinal() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.haveModifier(JavaModifier.FINAL)
			.check(mainClasses);
	}

}
