package io.zkworkflow.config.internal;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.config.ConfigApplyContext;
import io.zkworkflow.config.ConfigApplyObservationConvention;
import io.zkworkflow.config.ConfigRejectContext;
import io.zkworkflow.config.ConfigRejectObservationConvention;
import io.zkworkflow.config.DefaultConfigApplyObservationConvention;
import io.zkworkflow.config.DefaultConfigRejectObservationConvention;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@code zk.workflow.config.apply} and {@code zk.workflow.config.reject} observations. The
 * registry and conventions are looked up on first use, as the meters are, so that the
 * observation infrastructure is not created before the other singletons.
 */
public final class ConfigObserver {

	private static final DefaultConfigApplyObservationConvention DEFAULT_APPLY = new DefaultConfigApplyObservationConvention();

	private static final DefaultConfigRejectObservationConvention DEFAULT_REJECT = new DefaultConfigRejectObservationConvention();

	private final ObjectProvider<ObservationRegistry> registry;

	private final ObjectProvider<ConfigApplyObservationConvention> applyConvention;

	private final ObjectProvider<ConfigRejectObservationConvention> rejectConvention;

	public ConfigObserver(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<ConfigApplyObservationConvention> applyConvention,
			ObjectProvider<ConfigRejectObservationConvention> rejectConvention) {
		this.registry = registry;
		this.applyConvention = applyConvention;
		this.rejectConvention = rejectConvention;
	}

	ConfigMetrics.Apply startApply(List<String> keys) {
		ObservationRegistry registry = registry();
		if (registry == null) {
			return ConfigMetrics.Apply.NONE;
		}
		ConfigApplyContext context = new ConfigApplyContext(keys);
		Observation observation = Observation
			.createNotStarted(this.applyConvention.getIfUnique(), DEFAULT_APPLY, () -> context, registry)
			.start();
		Observation.Scope scope = observation.openScope();
		return () -> {
			scope.close();
			observation.stop();
		};
	}

	void rejected(String key, String znodePath, int znodeVersion, String reason, boolean unreadable) {
		ObservationRegistry registry = registry();
		if (registry != null) {
			ConfigRejectContext context = new ConfigRejectContext(key, znodePath, znodeVersion, reason, unreadable);
			Observation.createNotStarted(this.rejectConvention.getIfUnique(), DEFAULT_REJECT, () -> context, registry)
				.start()
				.stop();
		}
	}

	private @Nullable ObservationRegistry registry() {
		ObservationRegistry registry = this.registry.getIfUnique();
		return (registry != null && !registry.isNoop()) ? registry : null;
	}

}
