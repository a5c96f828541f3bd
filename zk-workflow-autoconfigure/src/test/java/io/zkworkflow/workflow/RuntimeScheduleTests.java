package io.zkworkflow.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Schedules created at runtime on one of three competing instances: fired once per tick by
 * whichever is coordinator, with their own payload; updated from the second, triggered and
 * deleted from the third; every bad input refused before anything is written, as every
 * instance sees.
 */
class RuntimeScheduleTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = WorkflowInstances.on(zookeeper);

	/** Payload "run" value to task ids. */
	static final Map<String, Set<String>> runs = new ConcurrentHashMap<>();

	/** Idempotency key (schedule and tick, or trigger) to task ids. */
	static final Map<String, Set<String>> fires = new ConcurrentHashMap<>();

	/** Workflow step runs, by the workflow they belong to. */
	static final Set<String> flowRuns = ConcurrentHashMap.newKeySet();

	@AfterEach
	void stopInstances() {
		this.instances.close();
	}

	@Test
	void aScheduleCreatedOnOneInstanceFiresOncePerTickAndCanBeUpdatedAndDeletedFromAnother() {
		ConfigurableApplicationContext one = this.instances.start(App.class);
		ConfigurableApplicationContext two = this.instances.start(App.class);
		ConfigurableApplicationContext three = this.instances.start(App.class);
		ScheduleClient first = one.getBean(ScheduleClient.class);
		ScheduleClient second = two.getBean(ScheduleClient.class);
		ScheduleClient third = three.getBean(ScheduleClient.class);
		ScheduleInfo created = first.create(ScheduleSpec.task("every-second", "* * * * * *", "work", Map.of("run", "a")));
		assertThat(created.kind()).isEqualTo(ScheduleInfo.Kind.TASK);
		assertThat(second.list()).extracting(ScheduleInfo::name).contains("every-second");
		assertThat(third.list()).extracting(ScheduleInfo::name).contains("every-second");
		await().atMost(Duration.ofSeconds(10)).until(() -> ticks("a") >= 3);

		second.update(ScheduleSpec.task("every-second", "* * * * * *", "work", Map.of("run", "b")).withZone("Europe/Berlin"));
		await().atMost(Duration.ofSeconds(10)).until(() -> ticks("b") >= 2);
		assertThat(first.get("every-second").zone().getId()).isEqualTo("Europe/Berlin");

		third.delete("every-second");
		assertThat(first.list()).extracting(ScheduleInfo::name).doesNotContain("every-second");
		assertThat(second.list()).extracting(ScheduleInfo::name).doesNotContain("every-second");
		int after = ticks("b");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> ticks("b") <= after + 1);
		assertThatExceptionOfType(UnknownScheduleException.class).isThrownBy(() -> first.delete("every-second"));

		first.create(ScheduleSpec.task("yearly", "0 0 0 1 1 *", "work", Map.of("run", "manual")));
		third.trigger("yearly");
		await().atMost(Duration.ofSeconds(10)).until(() -> ticks("manual") == 1);
		first.delete("yearly");
		// three coordinators competed for every tick: none started two tasks
		assertThat(fires).allSatisfy((fire, tasks) -> assertThat(tasks).as(fire).hasSize(1));

		first.create(ScheduleSpec.workflow("flow-every-second", "* * * * * *", "flow", Map.of("run", "f")));
		await().atMost(Duration.ofSeconds(10)).until(() -> flowRuns.size() >= 2);
		assertThat(first.pause("flow-every-second").paused()).isTrue();
		first.delete("flow-every-second");
	}

	@Test
	void badInputIsRefusedNamingWhatIsWrong() {
		ScheduleClient client = this.instances.start(App.class).getBean(ScheduleClient.class);
		ScheduleClient second = this.instances.start(App.class).getBean(ScheduleClient.class);
		ScheduleClient third = this.instances.start(App.class).getBean(ScheduleClient.class);
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> client.create(ScheduleSpec.task("bad-cron", "every minute", "work", null)))
			.withMessageContaining("'every minute' is not a valid cron expression");
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> client.create(ScheduleSpec.task("bad-zone", "@daily", "work", null).withZone("Mars/Base")))
			.withMessageContaining("zone 'Mars/Base' is not a time zone id");
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> client.create(ScheduleSpec.task("no-task", "@daily", "nope", null)))
			.withMessageContaining("no @WorkflowTask is named 'nope'");
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> client.create(ScheduleSpec.workflow("no-flow", "@daily", "nope", null)))
			.withMessageContaining("no workflow definition is named 'nope'");
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> client.create(ScheduleSpec.task("big", "@daily", "work", "x".repeat(1_000_000))))
			.withMessageContaining("more than the 16384 allowed");
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> client.create(ScheduleSpec.task("a/b", "@daily", "work", null)))
			.withMessageContaining("Schedule name 'a/b' is not valid");
		assertThatExceptionOfType(DuplicateScheduleException.class)
			.isThrownBy(() -> client.create(ScheduleSpec.task("declared", "@daily", "work", null)))
			.withMessageContaining("'declared' already exists");
		// nothing refused was written: the other instances see only the declared schedule
		assertThat(second.list()).extracting(ScheduleInfo::name).containsExactly("declared");
		assertThat(third.list()).extracting(ScheduleInfo::name).containsExactly("declared");
		client.create(ScheduleSpec.task("once", "@daily", "work", null));
		assertThatExceptionOfType(DuplicateScheduleException.class)
			.isThrownBy(() -> client.create(ScheduleSpec.task("once", "@daily", "work", null)));
		assertThatExceptionOfType(DuplicateScheduleException.class)
			.isThrownBy(() -> second.create(ScheduleSpec.task("once", "@hourly", "work", null)));
		assertThatExceptionOfType(UnknownScheduleException.class)
			.isThrownBy(() -> third.update(ScheduleSpec.task("missing", "@daily", "work", null)));
		assertThatExceptionOfType(UnknownScheduleException.class).isThrownBy(() -> second.delete("declared"))
			.withMessageContaining("only schedules made with ScheduleClient.create");
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> third.update(ScheduleSpec.task("once", "every minute", "work", null)))
			.withMessageContaining("'every minute' is not a valid cron expression");
		assertThat(client.list()).extracting(ScheduleInfo::name).containsExactlyInAnyOrder("declared", "once");
		assertThat(third.get("once").cron()).isEqualTo("@daily");
		client.delete("once");
	}

	private static int ticks(String run) {
		return runs.getOrDefault(run, Set.of()).size();
	}

	@Configuration(proxyBeanMethods = false)
	static class App {

		@Bean
		WorkflowDefinition flow() {
			return WorkflowDefinition.named("flow").step("flow-step").build();
		}

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		@WorkflowTask(name = "work")
		void work(JsonNode payload, TaskContext context) {
			runs.computeIfAbsent(payload.path("run").asString(), (key) -> ConcurrentHashMap.newKeySet())
				.add(context.taskId().toString());
			fires.computeIfAbsent(String.valueOf(context.idempotencyKey()), (key) -> ConcurrentHashMap.newKeySet())
				.add(context.taskId().toString());
		}

		@WorkflowTask(name = "flow-step")
		void flowStep(JsonNode payload, TaskContext context) {
			flowRuns.add(context.attributes().get("zk-workflow.workflow"));
		}

		@WorkflowTask(name = "declared", cron = "0 0 0 1 1 *")
		void declared(ScheduledFire fire) {
		}

	}

}
