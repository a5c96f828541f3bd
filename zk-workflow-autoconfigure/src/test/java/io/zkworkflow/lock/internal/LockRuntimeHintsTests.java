package io.zkworkflow.lock.internal;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock hints: SpEL may read the properties of a lock key expression's root object in a
 * native image.
 */
class LockRuntimeHintsTests {

	@Test
	void keyExpressionRootPropertiesCanBeRead() {
		RuntimeHints hints = new RuntimeHints();
		new LockRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (String getter : new String[] { "getMethod", "getMethodName", "getArgs", "getTarget", "getTargetClass" }) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LockExpressionRoot.class, getter))
				.as(getter)
				.accepts(hints);
		}
	}

	@Test
	void registeredThroughAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).anyMatch(LockRuntimeHints.class::isInstance);
	}

}
