package io.zkworkflow.dashboard.internal;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard hints: its static files are in a native image, where it serves them from.
 */
class DashboardRuntimeHintsTests {

	@Test
	void staticFilesAreIncluded() {
		RuntimeHints hints = new RuntimeHints();
		new DashboardRuntimeHints().registerHints(hints, getClass().getClassLoader());
		String location = DashboardWebConfigurer.LOCATION.substring("classpath:/".length());
		for (String file : new String[] { "index.html", "dashboard.js", "dashboard.css" }) {
			assertThat(new ClassPathResource(location + file).exists()).as(file).isTrue();
			assertThat(RuntimeHintsPredicates.resource().forResource(location + file)).as(file).accepts(hints);
		}
	}

	@Test
	void registeredThroughAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).anyMatch(DashboardRuntimeHints.class::isInstance);
	}

}
