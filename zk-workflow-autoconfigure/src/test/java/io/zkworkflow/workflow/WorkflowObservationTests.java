package io.zkworkflow.workflow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.zkworkflow.observation.RecordedObservations;
import io.zkworkflow.task.WorkflowTask;
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
 * A workflow started on one instance and run by two: the start is observed where it was
 * called, every step's end and the workflow's end exactly once across the instances, the step
 * handlers see the workflow and step in the MDC, and a convention bean replaces the default.
 */
class WorkflowObservationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = WorkflowInstances.on(zookeeper);

	@AfterEach
	void close() {
		this.instances.close();
	}

	@Test
	void startStepsAndEndAreObservedOnceAcrossInstances() {
		List<ConfigurableApplicationContext> all = List.of(
				this.instances.start(new Class<?>[] { RecordedObservations.Setup.class, Observed.class }),
				this.instances.start(new Class<?>[] { RecordedObservations.Setup.class, Observed.class }));
		WorkflowClient client = all.get(0).getBean(WorkflowClient.class);
		WorkflowId id = client.start("observed", 1, StartOptions.idempotencyKey("order-1"));
		assertThat(client.start("observed", 1, StartOptions.idempotencyKey("order-1"))).isEqualTo(id);
		await().until(() -> ended(all).size() == 1);
		assertThat(RecordedObservations.low(ended(all).get(0))).containsEntry("workflow", "observed")
			.containsEntry("outcome", "COMPLETED");
		assertThat(RecordedObservations.high(ended(all).get(0))).containsEntry("workflow.id", id.value());
		List<Observation.Context> starts = all.get(0)
			.getBean(RecordedObservations.class)
			.named(DefaultWorkflowStartObservationConvention.NAME);
		assertThat(starts).extracting((context) -> RecordedObservations.low(context).get("outcome"))
			.containsExactly("started", "existing");
		assertThat(starts).allSatisfy((context) -> assertThat(RecordedObservations.high(context))
			.containsEntry("workflow.id", id.value()));
		assertThat(all.get(1).getBean(RecordedObservations.class).named(DefaultWorkflowStartObservationConvention.NAME))
			.isEmpty();
		List<Observation.Context> steps = named(all, DefaultWorkflowStepObservationConvention.NAME);
		assertThat(steps).extracting((context) -> RecordedObservations.low(context).get("step"))
			.containsExactlyInAnyOrder("first", "second");
		assertThat(steps).allSatisfy((context) -> assertThat(RecordedObservations.low(context))
			.containsEntry("outcome", "SUCCEEDED"));
		assertThat(Observed.mdc).containsEntry("first", id.value()).containsEntry("second", id.value());
	}

	@Test
	void aConventionBeanOfTheApplicationReplacesTheDefault() {
		ConfigurableApplicationContext instance = this.instances
			.start(new Class<?>[] { RecordedObservations.Setup.class, Observed.class, CustomConvention.class });
		instance.getBean(WorkflowClient.class).start("observed", 1);
		RecordedObservations recorded = instance.getBean(RecordedObservations.class);
		await().until(() -> recorded.named("custom.step").size() == 2);
		assertThat(recorded.named(DefaultWorkflowStepObservationConvention.NAME)).isEmpty();
		assertThat(recorded.named("custom.step")).allSatisfy(
				(context) -> assertThat(RecordedObservations.low(context)).containsEntry("team", "orders"));
	}

	private static List<Observation.Context> ended(List<ConfigurableApplicationContext> all) {
		return named(all, DefaultWorkflowEndObservationConvention.NAME);
	}

	private static List<Observation.Context> named(List<ConfigurableApplicationContext> all, String name) {
		return all.stream().flatMap((context) -> context.getBean(RecordedObservations.class).named(name).stream()).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class Observed {

		/** Step to the workflow id its handler saw in the MDC, only when it saw its own step there. */
		static final Map<String, String> mdc = new ConcurrentHashMap<>();

		@Bean
		WorkflowDefinition observedWorkflow() {
			return WorkflowDefinition.named("observed").step("first").then("second").build();
		}

		@Bean
		Handlers observedHandlers() {
			return new Handlers();
		}

		static class Handlers {

			@WorkflowTask(name = "first")
			int first(int value) {
				seen("first");
				return value + 1;
			}

			@WorkflowTask(name = "second")
			int second(int value) {
				seen("second");
				return value + 1;
			}

			private static void seen(String step) {
				String workflow = MDC.get("zkWorkflow.workflowId");
				if (workflow != null && step.equals(MDC.get("zkWorkflow.step"))) {
					mdc.put(step, workflow);
				}
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConvention {

		@Bean
		WorkflowStepObservationConvention customStepConvention() {
			return new DefaultWorkflowStepObservationConvention() {

				@Override
				public String getName() {
					return "custom.step";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(WorkflowStepContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "orders");
				}

			};
		}

	}

}
