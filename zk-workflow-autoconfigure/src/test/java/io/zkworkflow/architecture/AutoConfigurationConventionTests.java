package io.zkworkflow.architecture;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * The conventions every auto-configuration follows, as Spring Boot's own modules do: final
 * classes, package-private bean methods, and every bean backing off to one the application
 * defines itself.
 */
class AutoConfigurationConventionTests {

	private static JavaClasses mainClasses;

	@BeforeAll
	static void importMainClasses() {
		mainClasses = new ClassFileImporter().importPath(Path.of("target", "classes"));
	}

	@Test
	void autoConfigurationsAreFinalAndLiveInTheAutoConfigurationPackages() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.haveModifier(JavaModifier.FINAL)
			.andShould()
			.resideInAPackage("io.zkworkflow.autoconfigure..")
			.andShould()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.check(mainClasses);
	}

	@Test
	void everyBeanBacksOffToTheApplicationsOwn() {
		methods().that()
			.areAnnotatedWith(Bean.class)
			.and()
			.areDeclaredInClassesThat()
			.resideInAPackage("io.zkworkflow.autoconfigure..")
			.should()
			.beAnnotatedWith(ConditionalOnMissingBean.class)
			.because("a user replaces any bean of ours by defining one of the same type or name")
			.check(mainClasses);
	}

	@Test
	void beanMethodsArePackagePrivate() {
		methods().that()
			.areAnnotatedWith(Bean.class)
			.and()
			.areDeclaredInClassesThat()
			.resideInAPackage("io.zkworkflow.autoconfigure..")
			.should()
			.notBePublic()
			.andShould()
			.notBeProtected()
			.andShould()
			.notBePrivate()
			.check(mainClasses);
	}

	@Test
	void propertiesSitBesideTheirAutoConfiguration() {
		classes().that()
			.areAnnotatedWith(ConfigurationProperties.class)
			.should()
			.resideInAPackage("io.zkworkflow.autoconfigure..")
			.orShould()
			.resideInAPackage("io.zkworkflow.embedded..")
			.andShould()
			.haveSimpleNameEndingWith("Properties")
			.check(mainClasses);
	}

}
