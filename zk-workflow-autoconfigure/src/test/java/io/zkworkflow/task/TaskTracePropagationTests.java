package io.zkworkflow.task;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace started around a submit on one instance continues in the handler run by another
 * (the submitter serves no tasks), and the handler sees its task in the logging MDC.
 */
class TaskTracePropagationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = TaskInstances.on(zookeeper);

	@AfterEach
	void close() {
		this.instances.close();
	}

	@Test
	void handlerOnAnotherInstanceContinuesTheSubmittersTrace() {
		ConfigurableApplicationContext producer = this.instances.start(TracingSetup.class);
		ConfigurableApplicationContext worker = this.instances.start(new Class<?>[] { TracingSetup.class, Worker.class });
		TaskClient client = producer.getBean(TaskClient.class);
		Tracing producerTracing = producer.getBean(Tracing.class);
		AtomicReference<String> traceId = new AtomicReference<>();
		TaskId id = Observation.createNotStarted("caller", producer.getBean(ObservationRegistry.class)).observe(() -> {
			traceId.set(producerTracing.currentTraceContext().get().traceIdString());
			return client.submit("traced", "x");
		});
		Worker handler = worker.getBean(Worker.class);
		await().until(() -> handler.seen.containsKey("traceId"));
		assertThat(handler.seen.get("traceId")).isEqualTo(traceId.get());
		assertThat(handler.seen).containsEntry("mdc.taskId", id.toString())
			.containsEntry("mdc.taskName", "traced")
			.containsEntry("mdc.attempt", "1");
		assertThat(handler.seen).doesNotContainKey("mdc.workflowId");
		await().until(() -> worker.getBean(Spans.class).named("run traced") != null);
		MutableSpan attempt = worker.getBean(Spans.class).named("run traced");
		assertThat(attempt.traceId()).isEqualTo(traceId.get());
		assertThat(attempt.tags()).containsEntry("name", "traced")
			.containsEntry("outcome", "succeeded")
			.containsEntry("task.id", id.toString())
			.containsEntry("attempt", "1");
		MutableSpan submit = producer.getBean(Spans.class).named("submit traced");
		assertThat(submit).isNotNull();
		assertThat(submit.traceId()).isEqualTo(traceId.get());
		assertThat(submit.tags()).containsEntry("outcome", "submitted");
		assertThat(attempt.parentId()).isEqualTo(submit.id());
		assertThat(MDC.get("zkWorkflow.taskId")).isNull();
	}

	@Test
	void everyElementOfABatchCarriesTheSubmittersTraceAsASingleSubmitDoes() {
		ConfigurableApplicationContext producer = this.instances.start(TracingSetup.class);
		ConfigurableApplicationContext worker = this.instances.start(new Class<?>[] { TracingSetup.class, Worker.class });
		TaskClient client = producer.getBean(TaskClient.class);
		Tracing producerTracing = producer.getBean(Tracing.class);
		AtomicReference<String> traceId = new AtomicReference<>();
		List<SubmitResult> results = Observation.createNotStarted("caller", producer.getBean(ObservationRegistry.class))
			.observe(() -> {
				traceId.set(producerTracing.currentTraceContext().get().traceIdString());
				return client.submitAll(List.of(new TaskSubmission("traced", "a", SubmitOptions.idempotencyKey("a")),
						new TaskSubmission("traced", "b", SubmitOptions.none()),
						new TaskSubmission("traced", "a", SubmitOptions.idempotencyKey("a"))));
			});
		Spans producerSpans = producer.getBean(Spans.class);
		Spans workerSpans = worker.getBean(Spans.class);
		await().until(() -> workerSpans.allNamed("run traced").size() == 2);
		List<MutableSpan> submits = producerSpans.allNamed("submit traced");
		assertThat(submits).hasSize(3).allSatisfy((span) -> assertThat(span.traceId()).isEqualTo(traceId.get()));
		assertThat(submits).extracting((span) -> span.tags().get("outcome"))
			.containsExactlyInAnyOrder("submitted", "submitted", "existing");
		for (SubmitResult result : results.subList(0, 2)) {
			MutableSpan submit = submits.stream()
				.filter((span) -> "submitted".equals(span.tags().get("outcome"))
						&& result.id().toString().equals(span.tags().get("task.id")))
				.findFirst()
				.orElseThrow();
			MutableSpan attempt = workerSpans.allNamed("run traced")
				.stream()
				.filter((span) -> result.id().toString().equals(span.tags().get("task.id")))
				.findFirst()
				.orElseThrow();
			assertThat(attempt.traceId()).isEqualTo(traceId.get());
			assertThat(attempt.parentId()).isEqualTo(submit.id());
		}
	}

	@Test
	void anAsyncSubmitIsObservedUntilItCompletesAndCarriesTheTrace() throws Exception {
		ConfigurableApplicationContext producer = this.instances.start(TracingSetup.class);
		ConfigurableApplicationContext worker = this.instances.start(new Class<?>[] { TracingSetup.class, Worker.class });
		TaskClient client = producer.getBean(TaskClient.class);
		Tracing producerTracing = producer.getBean(Tracing.class);
		AtomicReference<String> traceId = new AtomicReference<>();
		TaskId id = Observation.createNotStarted("caller", producer.getBean(ObservationRegistry.class)).observe(() -> {
			traceId.set(producerTracing.currentTraceContext().get().traceIdString());
			return client.submitAsync("traced", "x", SubmitOptions.none());
		}).get(1, java.util.concurrent.TimeUnit.MINUTES);
		Spans workerSpans = worker.getBean(Spans.class);
		await().until(() -> workerSpans.named("run traced") != null);
		await().until(() -> producer.getBean(Spans.class).named("submit traced") != null);
		MutableSpan submit = producer.getBean(Spans.class).named("submit traced");
		assertThat(submit.tags()).containsEntry("outcome", "submitted").containsEntry("task.id", id.toString());
		assertThat(submit.traceId()).isEqualTo(traceId.get());
		assertThat(workerSpans.named("run traced").parentId()).isEqualTo(submit.id());
	}

	static class Spans extends SpanHandler {

		final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			this.spans.add(span);
			return true;
		}

		MutableSpan named(String name) {
			return this.spans.stream().filter((span) -> name.equals(span.name())).findFirst().orElse(null);
		}

		List<MutableSpan> allNamed(String name) {
			return this.spans.stream().filter((span) -> name.equals(span.name())).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TracingSetup {

		@Bean
		Spans spans() {
			return new Spans();
		}

		@Bean(destroyMethod = "close")
		Tracing braveTracing(Spans spans) {
			return Tracing.newBuilder()
				.currentTraceContext(ThreadLocalCurrentTraceContext.create())
				.addSpanHandler(spans)
				.build();
		}

		@Bean
		ObservationRegistry observationRegistry(Tracing tracing) {
			BraveTracer tracer = new BraveTracer(tracing.tracer(),
					new BraveCurrentTraceContext(tracing.currentTraceContext()));
			BravePropagator propagator = new BravePropagator(tracing);
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
						new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
						new DefaultTracingObservationHandler(tracer)));
			return registry;
		}

	}

	static class Worker {

		final Map<String, String> seen = new ConcurrentHashMap<>();

		private final Tracing tracing;

		Worker(Tracing tracing) {
			this.tracing = tracing;
		}

		@WorkflowTask(name = "traced")
		void run(String payload) {
			for (String key : List.of("taskId", "taskName", "attempt", "workflowId", "step")) {
				String value = MDC.get("zkWorkflow." + key);
				if (value != null) {
					this.seen.put("mdc." + key, value);
				}
			}
			TraceContext current = this.tracing.currentTraceContext().get();
			this.seen.put("traceId", (current != null) ? current.traceIdString() : "none");
		}

	}

}
