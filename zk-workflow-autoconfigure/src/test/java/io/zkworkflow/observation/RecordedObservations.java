package io.zkworkflow.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps every observation stopped in one application context, for tests that assert what an
 * instance observed. {@link Setup} registers it with the context's {@link ObservationRegistry}.
 */
public final class RecordedObservations implements ObservationHandler<Observation.Context> {

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	@Override
	public void onStop(Observation.Context context) {
		this.stopped.add(context);
	}

	/**
	 * The stopped observations of a name, in the order they stopped.
	 * @param name the observation name
	 * @return the contexts
	 */
	public List<Observation.Context> named(String name) {
		return this.stopped.stream().filter((context) -> name.equals(context.getName())).toList();
	}

	/**
	 * The low-cardinality key values of a stopped observation.
	 * @param context the context
	 * @return key to value
	 */
	public static Map<String, String> low(Observation.Context context) {
		return context.getLowCardinalityKeyValues()
			.stream()
			.collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
	}

	/**
	 * The high-cardinality key values of a stopped observation.
	 * @param context the context
	 * @return key to value
	 */
	public static Map<String, String> high(Observation.Context context) {
		return context.getHighCardinalityKeyValues()
			.stream()
			.collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
	}

	/** An observation registry that records into a {@link RecordedObservations} bean. */
	@Configuration(proxyBeanMethods = false)
	public static class Setup {

		@Bean
		RecordedObservations recordedObservations() {
			return new RecordedObservations();
		}

		@Bean
		ObservationRegistry observationRegistry(RecordedObservations recorded) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(recorded);
			return registry;
		}

	}

}
