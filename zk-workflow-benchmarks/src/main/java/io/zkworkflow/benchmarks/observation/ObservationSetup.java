package io.zkworkflow.benchmarks.observation;

import java.util.concurrent.atomic.LongAdder;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which {@link ObservationRegistry} an application instance of an observation subject gets. Only
 * the registry differs between the setups: no {@code MeterRegistry} bean is declared in any of
 * them (the meter registry below is the handler's own), so the engine's own counters and timers
 * are off in all three and the ratios are those of the observations alone.
 */
public enum ObservationSetup {

	/** {@link ObservationRegistry#NOOP}: every observation site returns at once (the baseline). */
	OFF("off", "ObservationRegistry.NOOP", Off.class),

	/** A registry whose {@link DefaultMeterObservationHandler} updates timers in a {@link SimpleMeterRegistry}. */
	METERS("meters", "DefaultMeterObservationHandler on a SimpleMeterRegistry", Meters.class),

	/**
	 * The meter handler and Micrometer Tracing's handlers over Brave (W3C-style propagation into
	 * the task record, spans sampled and finished, then counted and dropped: no exporter).
	 */
	TRACING("tracing", "meter handler + Micrometer Tracing over Brave, every span sampled, spans dropped",
			Traced.class);

	/** Spans ended in the tracing setup, all instances together (a check that tracing ran). */
	public static final LongAdder SPANS = new LongAdder();

	private final String suffix;

	private final String description;

	private final Class<?> configuration;

	ObservationSetup(String suffix, String description, Class<?> configuration) {
		this.suffix = suffix;
		this.description = description;
		this.configuration = configuration;
	}

	/**
	 * Return the suffix of the subject names.
	 * @return {@code off}, {@code meters} or {@code tracing}
	 */
	public String suffix() {
		return this.suffix;
	}

	/**
	 * Return what the registry does, for the report's notes.
	 * @return a short description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Return the configuration class declaring this setup's registry.
	 * @return a {@code @Configuration} class to add to an instance's sources
	 */
	public Class<?> configuration() {
		return this.configuration;
	}

	static ObservationRegistry meters() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		return registry;
	}

	/** The baseline registry. */
	@Configuration(proxyBeanMethods = false)
	static class Off {

		@Bean
		ObservationRegistry benchmarkObservationRegistry() {
			return ObservationRegistry.NOOP;
		}

	}

	/** Timers only. */
	@Configuration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		ObservationRegistry benchmarkObservationRegistry() {
			return meters();
		}

	}

	/** Timers and spans, as Spring Boot wires them with Micrometer Tracing and Brave. */
	@Configuration(proxyBeanMethods = false)
	static class Traced {

		@Bean(destroyMethod = "close")
		Tracing benchmarkBraveTracing() {
			return Tracing.newBuilder()
				.currentTraceContext(ThreadLocalCurrentTraceContext.create())
				.addSpanHandler(new DroppingSpanHandler())
				.build();
		}

		@Bean
		ObservationRegistry benchmarkObservationRegistry(Tracing tracing) {
			BraveTracer tracer = new BraveTracer(tracing.tracer(),
					new BraveCurrentTraceContext(tracing.currentTraceContext()));
			BravePropagator propagator = new BravePropagator(tracing);
			ObservationRegistry registry = meters();
			registry.observationConfig()
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
						new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
						new DefaultTracingObservationHandler(tracer)));
			return registry;
		}

	}

	/** Counts finished spans and keeps none, like an exporter that costs nothing. */
	static final class DroppingSpanHandler extends SpanHandler {

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			SPANS.increment();
			return true;
		}

	}

}
