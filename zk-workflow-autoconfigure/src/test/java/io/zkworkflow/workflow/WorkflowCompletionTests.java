package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A definition's {@code onComplete} listener is a durable task committed with the
 * workflow's end: with three instances competing, it runs once for every workflow that
 * completed, failed or was cancelled; and when the instance that committed the end dies
 * right after the commit (its session expired, its context closed, so its Spring event is
 * all it managed), another instance still runs it, even one started only after the end.
 */
class WorkflowCompletionTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void theListenerRunsOncePerWorkflowWhateverTheEnding() {
		try (ZkInstances instances = WorkflowInstances.on(zookeeper).properties("zk-workflow.root-path=/completion")) {
			List<WorkflowClient> clients = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				clients.add(instances.start(Deliveries.class, "test.instance=i" + i).getBean(WorkflowClient.class));
			}
			Map<String, WorkflowState> expected = new ConcurrentHashMap<>();
			for (int i = 0; i < 24; i++) {
				boolean broken = i % 4 == 3;
				WorkflowId id = clients.get(i % 3).start("delivery", new Parcel("p" + i, broken));
				expected.put(id.value(), broken ? WorkflowState.FAILED : WorkflowState.COMPLETED);
			}
			List<WorkflowId> slow = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				WorkflowId id = clients.get(i).start("slow-delivery", new Parcel("s" + i, false));
				slow.add(id);
				expected.put(id.value(), WorkflowState.CANCELLED);
			}
			for (WorkflowId id : slow) {
				await().until(() -> clients.get(0).status(id).step("sleep").state() == StepState.RUNNING);
				assertThat(clients.get(1).cancel(id)).isTrue();
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> Deliveries.finished.keySet().containsAll(expected.keySet()));
			// a late duplicate would come from a second task: every workflow has ended and been reported by now
			await().until(() -> expected.keySet()
				.stream()
				.allMatch((id) -> clients.get(2).status(new WorkflowId(id)).state().isFinished()));
			assertThat(Deliveries.finished.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
			Deliveries.finished.forEach((id, runs) -> {
				assertThat(runs).as("completion runs of %s", id).hasSize(1);
				Reported reported = runs.peek();
				WorkflowCompletion completion = reported.completion();
				assertThat(completion.id().value()).isEqualTo(id);
				assertThat(reported.attribute()).isEqualTo(id);
				assertThat(completion.state()).isEqualTo(expected.get(id));
				assertThat(completion.finishedAt()).isAfterOrEqualTo(completion.startedAt());
				switch (completion.state()) {
					case COMPLETED -> {
						assertThat(completion.definition()).isEqualTo("delivery");
						assertThat(completion.result().asString()).startsWith("shipped-p");
						assertThat(completion.error()).isNull();
					}
					case FAILED -> {
						assertThat(completion.result()).isNull();
						assertThat(completion.failedStep()).isEqualTo("pack");
						assertThat(completion.error()).contains("broken parcel");
					}
					default -> {
						assertThat(completion.definition()).isEqualTo("slow-delivery");
						assertThat(completion.result()).isNull();
					}
				}
			});
			assertThat(Deliveries.finished.values().stream().map((runs) -> runs.peek().instance()).distinct())
				.as("instances that ran listeners").hasSizeGreaterThan(1);
		}
	}

	@Test
	void anotherInstanceRunsTheListenerWhenTheCommitterDiesRightAfterTheEnd() {
		try (ZkInstances instances = WorkflowInstances.on(zookeeper)
			.properties("zk-workflow.root-path=/completion-crash", "zk-workflow.workflows.validate-handlers=false")) {
			// the committer runs the step but not the listener: the notice can only survive in ZooKeeper
			ConfigurableApplicationContext committer = instances.start(Committer.class);
			instances.start(Listener.class, "test.instance=survivor-1");
			instances.start(Listener.class, "test.instance=survivor-2");
			WorkflowId id = committer.getBean(WorkflowClient.class).start("parcel", new Parcel("x", false));
			await().atMost(Duration.ofSeconds(30)).until(() -> !committer.isActive());
			assertThat(Committer.endPublished).isTrue();
			await().atMost(Duration.ofSeconds(30)).until(() -> Listener.finished.containsKey(id.value()));
			Queue<Reported> runs = Listener.finished.get(id.value());
			assertThat(runs).hasSize(1);
			assertThat(runs.peek().instance()).startsWith("survivor-");
			assertThat(runs.peek().completion().state()).isEqualTo(WorkflowState.COMPLETED);
			assertThat(runs.peek().completion().result().asString()).isEqualTo("wrapped-x");
		}
	}

	@Test
	void aListenerStartedAfterTheEndAndTheCommittersDeathStillGetsTheNotice() {
		try (ZkInstances instances = WorkflowInstances.on(zookeeper)
			.properties("zk-workflow.root-path=/completion-late", "zk-workflow.workflows.validate-handlers=false")) {
			ConfigurableApplicationContext committer = instances.start(Committer.class);
			WorkflowId id = committer.getBean(WorkflowClient.class).start("parcel", new Parcel("late", false));
			await().atMost(Duration.ofSeconds(30)).until(() -> !committer.isActive());
			assertThat(Listener.finished).doesNotContainKey(id.value());
			// nothing serves the listener's task at the end: it waits in ZooKeeper for the first instance that does
			instances.start(Listener.class, "test.instance=latecomer");
			await().atMost(Duration.ofSeconds(30)).until(() -> Listener.finished.containsKey(id.value()));
			assertThat(Listener.finished.get(id.value())).singleElement()
				.satisfies((run) -> assertThat(run.instance()).isEqualTo("latecomer"));
		}
	}

	record Parcel(String id, boolean broken) {
	}

	record Reported(String instance, WorkflowCompletion completion, String attribute) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Deliveries {

		static final Map<String, Queue<Reported>> finished = new ConcurrentHashMap<>();

		@Bean
		WorkflowDefinition delivery() {
			return WorkflowDefinition.named("delivery")
				.step("pack")
				.then("ship")
				.options("pack", StepOptions.maxAttempts(1))
				.onComplete("delivery-finished")
				.build();
		}

		@Bean
		WorkflowDefinition slowDelivery() {
			return WorkflowDefinition.named("slow-delivery")
				.step("pack")
				.sleep(Duration.ofHours(1))
				.then("ship")
				.onComplete("delivery-finished")
				.build();
		}

		@Bean
		DeliveryHandlers deliveryHandlers(@Value("${test.instance}") String instance) {
			return new DeliveryHandlers(instance);
		}

		static class DeliveryHandlers {

			private final String instance;

			DeliveryHandlers(String instance) {
				this.instance = instance;
			}

			@WorkflowTask(name = "pack")
			String pack(Parcel parcel) {
				if (parcel.broken()) {
					throw new IllegalStateException("broken parcel " + parcel.id());
				}
				return parcel.id();
			}

			@WorkflowTask(name = "ship")
			String ship(String parcel) {
				return "shipped-" + parcel;
			}

			@WorkflowTask(name = "delivery-finished")
			void finished(WorkflowCompletion completion, TaskContext context) {
				record(finished, this.instance, completion, context);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Committer {

		static final AtomicBoolean endPublished = new AtomicBoolean();

		@Bean
		WorkflowDefinition parcel() {
			return WorkflowDefinition.named("parcel").step("wrap").onComplete("parcel-finished").build();
		}

		@Bean
		WrapHandlers wrapHandlers(ConfigurableApplicationContext context) {
			return new WrapHandlers(context);
		}

		static class WrapHandlers {

			private final ConfigurableApplicationContext context;

			WrapHandlers(ConfigurableApplicationContext context) {
				this.context = context;
			}

			@WorkflowTask(name = "wrap")
			String wrap(Parcel parcel) {
				return "wrapped-" + parcel.id();
			}

			/** Published just after the end committed: die before anything else happens here. */
			@EventListener
			void ended(WorkflowCompletedEvent event) {
				endPublished.set(true);
				ZkInstances.expireSession(this.context);
				new Thread(this.context::close, "close-committer").start();
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		static final Map<String, Queue<Reported>> finished = new ConcurrentHashMap<>();

		@Bean
		ListenerHandlers listenerHandlers(@Value("${test.instance}") String instance) {
			return new ListenerHandlers(instance);
		}

		static class ListenerHandlers {

			private final String instance;

			ListenerHandlers(String instance) {
				this.instance = instance;
			}

			@WorkflowTask(name = "parcel-finished")
			void finished(WorkflowCompletion completion, TaskContext context) {
				record(finished, this.instance, completion, context);
			}

		}

	}

	static void record(Map<String, Queue<Reported>> into, String instance, WorkflowCompletion completion,
			TaskContext context) {
		into.computeIfAbsent(completion.id().value(), (id) -> new ConcurrentLinkedQueue<>())
			.add(new Reported(instance, completion, context.attributes().get("zk-workflow.completed-workflow")));
	}

}
