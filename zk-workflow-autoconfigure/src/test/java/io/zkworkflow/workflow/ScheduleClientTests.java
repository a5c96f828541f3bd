package io.zkworkflow.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.task.TaskContext;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The runtime schedule client on three instances competing on one ZooKeeper: every instance
 * lists the same schedules and state, a pause made on one stops the schedule on whichever
 * coordinator leads and survives a restart of all instances, and a trigger fires once.
 */
class ScheduleClientTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = WorkflowInstances.on(zookeeper);

	/** Task name to fire time to the distinct task ids that ran it. */
	static final Map<String, Map<Instant, Set<String>>> fires = new ConcurrentHashMap<>();

	@AfterEach
	void stopInstances() {
		this.instances.close();
	}

	@Test
	void everyInstanceListsAnnotatedAndDefinedSchedulesWithNextAndLastFire() {
		ConfigurableApplicationContext one = this.instances.start(CronApp.class);
		ConfigurableApplicationContext two = this.instances.start(CronApp.class);
		ConfigurableApplicationContext three = this.instances.start(CronApp.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> ticks("listed").size() >= 2);
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { one, two, three }) {
			ScheduleClient client = context.getBean(ScheduleClient.class);
			assertThat(client.list()).extracting(ScheduleInfo::name)
				.contains("listed", "paused", "manual", "manual-flow");
			ScheduleInfo listed = client.get("listed");
			assertThat(listed.kind()).isEqualTo(ScheduleInfo.Kind.TASK);
			assertThat(listed.paused()).isFalse();
			assertThat(listed.nextFire()).isAfter(Instant.now().minusSeconds(1));
			await().atMost(Duration.ofSeconds(5)).until(() -> client.get("listed").lastFired() != null);
			assertThat(client.get("manual-flow").kind()).isEqualTo(ScheduleInfo.Kind.WORKFLOW);
		}
		assertThat(ticks("listed").values()).allSatisfy((ids) -> assertThat(ids).hasSize(1));
	}

	@Test
	void aPauseIsSeenByEveryInstanceSurvivesRestartsAndResumeFiresAgain() {
		ConfigurableApplicationContext one = this.instances.start(CronApp.class);
		ConfigurableApplicationContext two = this.instances.start(CronApp.class);
		ConfigurableApplicationContext other = this.instances.start(CronApp.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> ticks("paused").size() >= 2);
		ScheduleInfo paused = one.getBean(ScheduleClient.class).pause("paused");
		Instant pausedAt = Instant.now();
		assertThat(paused.paused()).isTrue();
		assertThat(paused.nextFire()).isNull();
		assertThat(two.getBean(ScheduleClient.class).get("paused").paused()).isTrue();
		assertThat(other.getBean(ScheduleClient.class).get("paused").paused()).isTrue();
		await().during(Duration.ofMillis(2500))
			.atMost(Duration.ofSeconds(4))
			.until(() -> ticks("paused").keySet().stream().noneMatch((tick) -> tick.isAfter(pausedAt)));

		this.instances.close();
		ConfigurableApplicationContext three = this.instances.start(CronApp.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> ticks("listed").keySet().stream()
			.anyMatch((tick) -> tick.isAfter(pausedAt.plusSeconds(3))));
		assertThat(three.getBean(ScheduleClient.class).get("paused").paused()).isTrue();
		assertThat(ticks("paused").keySet()).allSatisfy((tick) -> assertThat(tick).isBeforeOrEqualTo(pausedAt));

		ConfigurableApplicationContext four = this.instances.start(CronApp.class);
		ScheduleInfo resumed = four.getBean(ScheduleClient.class).resume("paused");
		Instant resumedAt = Instant.now();
		assertThat(resumed.paused()).isFalse();
		assertThat(three.getBean(ScheduleClient.class).get("paused").paused()).isFalse();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ticks("paused").keySet().stream().anyMatch((tick) -> tick.isAfter(resumedAt)));
		// ticks due while paused were not fired later, and no tick fired twice
		assertThat(ticks("paused").keySet())
			.noneMatch((tick) -> tick.isAfter(pausedAt) && tick.isBefore(resumedAt.minusSeconds(1)));
		assertThat(ticks("paused").values()).allSatisfy((ids) -> assertThat(ids).hasSize(1));
	}

	@Test
	void aTriggerFiresATaskOrAWorkflowExactlyOnceFromAnyInstance() {
		this.instances.start(CronApp.class);
		ConfigurableApplicationContext two = this.instances.start(CronApp.class);
		ConfigurableApplicationContext three = this.instances.start(CronApp.class);
		ScheduleClient client = two.getBean(ScheduleClient.class);
		client.trigger("manual");
		three.getBean(ScheduleClient.class).trigger("manual-flow");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ticks("manual").size() == 1 && ticks("manual-step").size() == 1);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(3))
			.until(() -> ticks("manual").size() == 1 && ticks("manual-step").size() == 1);
		assertThat(ticks("manual").values()).singleElement().satisfies((ids) -> assertThat(ids).hasSize(1));
		assertThat(ticks("manual-step").values()).singleElement().satisfies((ids) -> assertThat(ids).hasSize(1));
		assertThat(client.get("manual").lastFired()).as("a trigger is not a tick").isNull();
	}

	@Test
	void anUnknownNameIsRefusedNamingTheKnownSchedules() {
		ScheduleClient client = this.instances.start(CronApp.class).getBean(ScheduleClient.class);
		ScheduleClient second = this.instances.start(CronApp.class).getBean(ScheduleClient.class);
		ScheduleClient third = this.instances.start(CronApp.class).getBean(ScheduleClient.class);
		assertThatExceptionOfType(UnknownScheduleException.class).isThrownBy(() -> client.pause("nope"))
			.withMessageContaining("'nope'")
			.withMessageContaining("task.listed")
			.withMessageContaining("workflow.manual-flow");
		assertThatExceptionOfType(UnknownScheduleException.class).isThrownBy(() -> second.trigger("x".repeat(5000)))
			.withMessageContaining("(5000 characters)");
		assertThatExceptionOfType(UnknownScheduleException.class).isThrownBy(() -> third.resume("x".repeat(5000)))
			.withMessageContaining("(5000 characters)");
		assertThat(client.get("task.manual").name()).isEqualTo("manual");
		// the refusals changed nothing: every instance still lists the same schedules
		for (ScheduleClient each : List.of(client, second, third)) {
			assertThat(each.list()).extracting(ScheduleInfo::name)
				.containsExactlyElementsOf(client.list().stream().map(ScheduleInfo::name).toList());
			assertThat(each.get("manual").paused()).isFalse();
		}
	}

	@Test
	void theEndpointsWriteOperationsPauseResumeAndTrigger() {
		ConfigurableApplicationContext one = this.instances.start(CronApp.class);
		ConfigurableApplicationContext two = this.instances.start(CronApp.class);
		ConfigurableApplicationContext three = this.instances.start(CronApp.class);
		AdminOperation pause = operation(one, "pause");
		assertThat(pause.invoke(Map.of("id", "workflow.manual-flow"))).isInstanceOf(Map.class)
			.extracting((result) -> ((Map<?, ?>) result).get("paused"))
			.isEqualTo(true);
		assertThat(two.getBean(ScheduleClient.class).get("manual-flow").paused()).isTrue();
		assertThat(three.getBean(ScheduleClient.class).get("manual-flow").paused()).isTrue();
		operation(two, "resume").invoke(Map.of("id", "manual-flow"));
		assertThat(one.getBean(ScheduleClient.class).get("manual-flow").paused()).isFalse();
		assertThat(three.getBean(ScheduleClient.class).get("manual-flow").paused()).isFalse();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> operation(one, "trigger").invoke(Map.of()))
			.withMessageContaining("needs the schedule's name");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> operation(three, "trigger").invoke(Map.of("id", "nope")))
			.withMessageContaining("No cron schedule is named 'nope'");
	}

	private static AdminOperation operation(ConfigurableApplicationContext context, String name) {
		return context.getBeansOfType(AdminOperation.class)
			.values()
			.stream()
			.filter((op) -> op.section().equals("schedules") && op.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static Map<Instant, Set<String>> ticks(String name) {
		return fires.computeIfAbsent(name, (key) -> new ConcurrentHashMap<>());
	}

	private static void record(String name, ScheduledFire fire, TaskContext context) {
		ticks(name).computeIfAbsent(fire.fireTime(), (key) -> ConcurrentHashMap.newKeySet())
			.add(context.taskId().toString());
	}

	@Configuration(proxyBeanMethods = false)
	static class CronApp {

		@Bean
		WorkflowDefinition manualFlow() {
			return WorkflowDefinition.named("manual-flow")
				.step("manual-step")
				.schedule("0 0 0 1 1 *", java.time.ZoneOffset.UTC, MisfirePolicy.SKIP)
				.build();
		}

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		@WorkflowTask(name = "listed", cron = "* * * * * *")
		void listed(ScheduledFire fire, TaskContext context) {
			record("listed", fire, context);
		}

		@WorkflowTask(name = "paused", cron = "* * * * * *")
		void paused(ScheduledFire fire, TaskContext context) {
			record("paused", fire, context);
		}

		@WorkflowTask(name = "manual", cron = "0 0 0 1 1 *")
		void manual(ScheduledFire fire, TaskContext context) {
			record("manual", fire, context);
		}

		@WorkflowTask(name = "manual-step")
		void manualStep(ScheduledFire fire, TaskContext context) {
			record("manual-step", fire, context);
		}

	}

}
