package io.zkworkflow.history.internal;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history hints: every shipped schema script is in a native image, where the initializer
 * reads it.
 */
class HistoryRuntimeHintsTests {

	@Test
	void schemaScriptsAreIncluded() {
		RuntimeHints hints = new RuntimeHints();
		new HistoryRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (String platform : new String[] { "h2", "postgresql" }) {
			String script = String.format(HistorySchemaInitializer.SCRIPT_LOCATION, platform);
			assertThat(new ClassPathResource(script).exists()).as(script).isTrue();
			assertThat(RuntimeHintsPredicates.resource().forResource(script)).as(script).accepts(hints);
		}
	}

	@Test
	void registeredThroughAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).anyMatch(HistoryRuntimeHints.class::isInstance);
	}

}
