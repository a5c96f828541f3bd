package io.zkworkflow.dashboard.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs of the dashboard: its static files, served from the classpath.
 */
final class DashboardRuntimeHints implements RuntimeHintsRegistrar {

	/** The files' classpath location, as {@link DashboardWebConfigurer} serves them. */
	static final String PATTERN = "io/zkworkflow/dashboard/static/*";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(PATTERN);
	}

}
