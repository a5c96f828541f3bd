package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link WorkflowClient#result} and {@link WorkflowClient#resultAsync} against a real
 * ZooKeeper, with three instances, each its own session and each running the steps: workflows
 * are started on one and awaited on the two others at once, for each way a wait ends.
 */
class WorkflowResultTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

	static final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();

	static final Map<String, AtomicBoolean> finished = new ConcurrentHashMap<>();

	private static ZkInstances instances;

	/** Instance A: starts. */
	private static WorkflowClient starter;

	/** Instance B: waits. */
	private static WorkflowClient waiter;

	/** Instance C: waits too, for the same workflows. */
	private static WorkflowClient otherWaiter;

	@BeforeAll
	static void startInstances() {
		instances = WorkflowInstances.on(zookeeper);
		starter = instances.start(ResultWorkflows.class).getBean(WorkflowClient.class);
		waiter = instances.start(ResultWorkflows.class).getBean(WorkflowClient.class);
		otherWaiter = instances.start(ResultWorkflows.class).getBean(WorkflowClient.class);
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void theResultIsTheLastStepsOutputAsItsType() {
		WorkflowId id = starter.start("result-pricing", "p-1");
		CompletableFuture<Price> other = otherWaiter.resultAsync(id, Price.class);
		assertThat(waiter.result(id, Price.class, Duration.ofSeconds(30))).isEqualTo(new Price("p-1", 42));
		assertThat(other).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(new Price("p-1", 42));
	}

	@Test
	void withSeveralLastStepsTheResultHoldsTheOutputOfEach() {
		WorkflowId id = starter.start("result-fan-out", "f-1");
		JsonNode result = waiter.result(id, JsonNode.class, Duration.ofSeconds(30));
		assertThat(result.path("result-left").asString()).isEqualTo("left f-1");
		assertThat(result.path("result-right").asString()).isEqualTo("right f-1");
	}

	@Test
	void aResultAlreadyThereIsReturnedAtOnceEvenWithoutTime() throws Exception {
		WorkflowId id = starter.start("result-pricing", "p-2");
		await().until(() -> waiter.status(id).state() == WorkflowState.COMPLETED);
		assertThat(waiter.result(id, Price.class, Duration.ZERO)).isEqualTo(new Price("p-2", 42));
		assertThat(waiter.resultAsync(id, Price.class).get(30, TimeUnit.SECONDS)).isEqualTo(new Price("p-2", 42));
	}

	@Test
	void theFutureIsCompletedByTheWatchOnceTheLastStepFinished() throws Exception {
		open("watched");
		WorkflowId id = starter.start("result-gated", "watched");
		CompletableFuture<String> future = waiter.resultAsync(id, String.class);
		CompletableFuture<String> other = otherWaiter.resultAsync(id, String.class);
		AtomicBoolean stepHadFinished = new AtomicBoolean();
		future.whenComplete((value, failure) -> stepHadFinished.set(finished.get("watched").get()));
		assertThat(started.get("watched").await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(future).isNotDone();
		assertThat(other).isNotDone();
		gates.get("watched").countDown();
		await().until(future::isDone);
		assertThat(future.get()).isEqualTo("opened watched");
		assertThat(other).succeedsWithin(Duration.ofSeconds(30)).isEqualTo("opened watched");
		assertThat(stepHadFinished).isTrue();
	}

	@Test
	void aWaitThatRunsOutOfTimeNamesTheWorkflowAndTheWait() {
		open("late");
		WorkflowId id = starter.start("result-gated", "late");
		assertThatExceptionOfType(WorkflowResultTimeoutException.class)
			.isThrownBy(() -> waiter.result(id, String.class, Duration.ofMillis(200)))
			.withMessageContaining(id.value())
			.withMessageContaining("200ms")
			.satisfies((ex) -> assertThat(ex.getWorkflowId()).isEqualTo(id));
		gates.get("late").countDown();
		assertThat(waiter.result(id, String.class, Duration.ofSeconds(30))).isEqualTo("opened late");
	}

	@Test
	void aFailedWorkflowFailsTheWaitWithItsStepAndError() {
		WorkflowId id = starter.start("result-failing", "x-1");
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> waiter.result(id, String.class, Duration.ofSeconds(30)))
			.withMessageContaining(id.value())
			.withMessageContaining("no stock for x-1")
			.satisfies((ex) -> assertThat(ex.getFailedStep()).isEqualTo("result-out-of-stock"))
			.satisfies((ex) -> assertThat(ex.getError()).contains("IllegalStateException"));
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> otherWaiter.result(id, String.class, Duration.ofSeconds(30)))
			.satisfies((ex) -> assertThat(ex.getFailedStep()).isEqualTo("result-out-of-stock"));
	}

	@Test
	void aWorkflowCancelledWhileAwaitedEndsTheWaitAsCancelled() {
		open("cancelled");
		WorkflowId id = starter.start("result-gated", "cancelled");
		CompletableFuture<String> future = waiter.resultAsync(id, String.class);
		CompletableFuture<String> other = otherWaiter.resultAsync(id, String.class);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		future.whenComplete((value, ex) -> failure.set(ex));
		await().until(() -> started.get("cancelled").getCount() == 0);
		assertThat(starter.cancel(id)).isTrue();
		gates.get("cancelled").countDown();
		await().until(() -> future.isDone() && other.isDone());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(other::get)
			.withCauseInstanceOf(WorkflowCancelledException.class);
		assertThat(failure.get()).isInstanceOf(WorkflowCancelledException.class).hasMessageContaining(id.value());
		assertThatExceptionOfType(WorkflowCancelledException.class)
			.isThrownBy(() -> waiter.result(id, String.class, Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.getWorkflowId()).isEqualTo(id));
	}

	@Test
	void anUnknownIdFailsTheWaitAndTheMessageMentionsTheRetention() {
		WorkflowId id = WorkflowId.random();
		assertThatExceptionOfType(UnknownWorkflowException.class)
			.isThrownBy(() -> waiter.result(id, String.class, Duration.ofSeconds(30)))
			.withMessageContaining(id.value())
			.withMessageContaining("never started")
			.withMessageContaining("retention");
		CompletableFuture<String> future = otherWaiter.resultAsync(id, String.class);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(UnknownWorkflowException.class);
		assertThatExceptionOfType(UnknownWorkflowException.class)
			.isThrownBy(() -> starter.result(id, String.class, Duration.ZERO))
			.withMessageContaining("never started");
	}

	private static void open(String payload) {
		gates.put(payload, new CountDownLatch(1));
		started.put(payload, new CountDownLatch(1));
		finished.put(payload, new AtomicBoolean());
	}

	record Price(String product, int cents) {
	}

	@Configuration(proxyBeanMethods = false)
	static class ResultWorkflows {

		@Bean
		WorkflowDefinition resultPricing() {
			return WorkflowDefinition.named("result-pricing").step("result-lookup").then("result-price").build();
		}

		@Bean
		WorkflowDefinition resultFanOut() {
			return WorkflowDefinition.named("result-fan-out")
				.step("result-split")
				.thenParallel("result-left", "result-right")
				.build();
		}

		@Bean
		WorkflowDefinition resultGated() {
			return WorkflowDefinition.named("result-gated").step("result-lookup").then("result-gate").build();
		}

		@Bean
		WorkflowDefinition resultFailing() {
			return WorkflowDefinition.named("result-failing")
				.step("result-lookup")
				.then("result-out-of-stock")
				.build();
		}

		@Bean
		Handlers resultWorkflowHandlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		@WorkflowTask(name = "result-lookup")
		String lookup(String product) {
			return product;
		}

		@WorkflowTask(name = "result-price")
		Price price(String product) {
			return new Price(product, 42);
		}

		@WorkflowTask(name = "result-split")
		String split(String payload) {
			return payload;
		}

		@WorkflowTask(name = "result-left")
		String left(String payload) {
			return "left " + payload;
		}

		@WorkflowTask(name = "result-right")
		String right(String payload) {
			return "right " + payload;
		}

		@WorkflowTask(name = "result-gate", maxAttempts = 1, timeout = "60s")
		String gate(String payload) throws InterruptedException {
			started.computeIfAbsent(payload, (key) -> new CountDownLatch(1)).countDown();
			gates.computeIfAbsent(payload, (key) -> new CountDownLatch(1)).await(30, TimeUnit.SECONDS);
			finished.computeIfAbsent(payload, (key) -> new AtomicBoolean()).set(true);
			return "opened " + payload;
		}

		@WorkflowTask(name = "result-out-of-stock", maxAttempts = 1)
		String outOfStock(String payload) {
			throw new IllegalStateException("no stock for " + payload);
		}

	}

}
