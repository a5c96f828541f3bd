package io.zkworkflow.history.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs of the history sink: the schema scripts that
 * {@link HistorySchemaInitializer} reads from the classpath at startup.
 */
final class HistoryRuntimeHints implements RuntimeHintsRegistrar {

	static final String PATTERN = "io/zkworkflow/history/schema-*.sql";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(PATTERN);
	}

}
