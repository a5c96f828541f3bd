package io.zkworkflow.workflow;

import java.util.List;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.zkworkflow.observation.RecordedObservations;
import io.zkworkflow.task.WorkflowTask;
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
 * Two instances declare the same cron task: the ticks fired, wherever the coordinator runs,
 * are observed once each; a convention bean of the application replaces the default.
 */
class ScheduleFireObservationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = WorkflowInstances.on(zookeeper);

	@AfterEach
	void close() {
		this.instances.close();
	}

	@Test
	void everyFiredTickIsObservedOnceAcrossInstances() {
		List<ConfigurableApplicationContext> all = List.of(
				this.instances.start(new Class<?>[] { RecordedObservations.Setup.class, Beat.class }),
				this.instances.start(new Class<?>[] { RecordedObservations.Setup.class, Beat.class }));
		await().until(() -> fired(all, DefaultScheduleFireObservationConvention.NAME).size() >= 3);
		List<Observation.Context> fired = fired(all, DefaultScheduleFireObservationConvention.NAME);
		assertThat(fired).extracting((context) -> RecordedObservations.high(context).get("tick"))
			.doesNotHaveDuplicates();
		assertThat(fired).allSatisfy((context) -> assertThat(RecordedObservations.low(context))
			.containsEntry("kind", "task")
			.containsEntry("target", "beat")
			.containsKey("schedule"));
	}

	@Test
	void aConventionBeanOfTheApplicationReplacesTheDefault() {
		ConfigurableApplicationContext instance = this.instances
			.start(new Class<?>[] { RecordedObservations.Setup.class, Beat.class, CustomConvention.class });
		await().until(() -> !fired(List.of(instance), "custom.fire").isEmpty());
		RecordedObservations recorded = instance.getBean(RecordedObservations.class);
		assertThat(recorded.named(DefaultScheduleFireObservationConvention.NAME)).isEmpty();
		assertThat(RecordedObservations.low(recorded.named("custom.fire").get(0))).containsEntry("team", "ops");
	}

	private static List<Observation.Context> fired(List<ConfigurableApplicationContext> all, String name) {
		return all.stream()
			.flatMap((context) -> context.getBean(RecordedObservations.class).named(name).stream())
			.filter((context) -> "fired".equals(RecordedObservations.low(context).get("outcome")))
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class Beat {

		@Bean
		Handler beatHandler() {
			return new Handler();
		}

		static class Handler {

			@WorkflowTask(name = "beat", cron = "* * * * * *")
			void beat(ScheduledFire fire) {
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConvention {

		@Bean
		ScheduleFireObservationConvention customFireConvention() {
			return new DefaultScheduleFireObservationConvention() {

				@Override
				public String getName() {
					return "custom.fire";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(ScheduleFireContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "ops");
				}

			};
		}

	}

}
