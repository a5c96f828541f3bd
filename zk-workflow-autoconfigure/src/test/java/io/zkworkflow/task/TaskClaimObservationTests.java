package io.zkworkflow.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.zkworkflow.observation.RecordedObservations;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers compete for the same tasks: every task is observed as claimed exactly once,
 * across both, and a convention bean of the application replaces the default.
 */
class TaskClaimObservationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = TaskInstances.on(zookeeper);

	@AfterEach
	void close() {
		this.instances.close();
	}

	@Test
	void everyTaskIsObservedAsClaimedOnceAcrossCompetingWorkers() {
		List<ConfigurableApplicationContext> workers = List.of(
				this.instances.start(new Class<?>[] { RecordedObservations.Setup.class, Worker.class }),
				this.instances.start(new Class<?>[] { RecordedObservations.Setup.class, Worker.class }));
		TaskClient client = workers.get(0).getBean(TaskClient.class);
		Set<String> submitted = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			submitted.add(client.submit("record", "p" + i).toString());
		}
		await().until(() -> claimed(workers, DefaultTaskClaimObservationConvention.NAME).size() == 20);
		List<Observation.Context> claims = claimed(workers, DefaultTaskClaimObservationConvention.NAME);
		assertThat(claims).extracting((context) -> RecordedObservations.high(context).get("task.id"))
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(submitted);
		assertThat(claims).allSatisfy((context) -> assertThat(RecordedObservations.low(context))
			.containsEntry("name", "record")
			.containsEntry("outcome", "claimed"));
	}

	@Test
	void aConventionBeanOfTheApplicationReplacesTheDefault() {
		ConfigurableApplicationContext worker = this.instances.start(new Class<?>[] { RecordedObservations.Setup.class,
				Worker.class, CustomConvention.class });
		worker.getBean(TaskClient.class).submit("record", "p");
		RecordedObservations recorded = worker.getBean(RecordedObservations.class);
		await().until(() -> !recorded.named("custom.claim").isEmpty());
		assertThat(recorded.named(DefaultTaskClaimObservationConvention.NAME)).isEmpty();
		assertThat(RecordedObservations.low(recorded.named("custom.claim").get(0))).containsEntry("team", "billing")
			.containsEntry("outcome", "claimed");
	}

	private static List<Observation.Context> claimed(List<ConfigurableApplicationContext> workers, String name) {
		List<Observation.Context> claims = new ArrayList<>();
		for (ConfigurableApplicationContext worker : workers) {
			worker.getBean(RecordedObservations.class)
				.named(name)
				.stream()
				.filter((context) -> "claimed".equals(RecordedObservations.low(context).get("outcome")))
				.forEach(claims::add);
		}
		return claims;
	}

	static class Worker {

		@WorkflowTask(name = "record", concurrency = 2)
		void run(String payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConvention {

		@Bean
		TaskClaimObservationConvention customClaimConvention() {
			return new DefaultTaskClaimObservationConvention() {

				@Override
				public String getName() {
					return "custom.claim";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(TaskClaimContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "billing");
				}

			};
		}

	}

}
