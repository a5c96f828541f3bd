package io.zkworkflow.task;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
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
 * {@link TaskClient#result} and {@link TaskClient#resultAsync} against a real ZooKeeper, with
 * three instances, each its own session and each serving the tasks: tasks are submitted on one
 * and awaited on the two others at once, for each way a wait ends.
 */
class TaskResultTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

	static final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();

	static final Map<String, AtomicBoolean> finished = new ConcurrentHashMap<>();

	private static ZkInstances instances;

	/** Instance A: submits. */
	private static TaskClient submitter;

	/** Instance B: waits. */
	private static TaskClient waiter;

	/** Instance C: waits too, for the same tasks. */
	private static TaskClient otherWaiter;

	@BeforeAll
	static void startInstances() {
		instances = TaskInstances.on(zookeeper);
		submitter = instances.start(ResultHandlers.class).getBean(TaskClient.class);
		waiter = instances.start(ResultHandlers.class).getBean(TaskClient.class);
		otherWaiter = instances.start(ResultHandlers.class).getBean(TaskClient.class);
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void aResultSubmittedOnOneInstanceIsAwaitedOnAnotherAsTheHandlersType() {
		TaskId id = submitter.submit("result-quote", new Order("o-1", 3));
		CompletableFuture<Quote> other = otherWaiter.resultAsync(id, Quote.class);
		assertThat(waiter.result(id, Quote.class, Duration.ofSeconds(30))).isEqualTo(new Quote("o-1", 30));
		assertThat(other).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(new Quote("o-1", 30));
		assertThat(waiter.result(id, JsonNode.class, Duration.ofSeconds(30)).path("total").asInt()).isEqualTo(30);
	}

	@Test
	void aResultAlreadyThereIsReturnedAtOnceEvenWithoutTime() throws Exception {
		TaskId id = submitter.submit("result-quote", new Order("o-2", 1));
		await().until(() -> waiter.status(id).state() == TaskState.SUCCEEDED);
		assertThat(waiter.result(id, Quote.class, Duration.ZERO)).isEqualTo(new Quote("o-2", 10));
		assertThat(waiter.resultAsync(id, Quote.class).get(30, TimeUnit.SECONDS)).isEqualTo(new Quote("o-2", 10));
	}

	@Test
	void aHandlerThatReturnsNothingHasANullResult() {
		TaskId id = submitter.submit("result-void", "x");
		assertThat(waiter.result(id, Object.class, Duration.ofSeconds(30))).isNull();
	}

	@Test
	void theFutureIsCompletedByTheWatchOnceTheHandlerFinished() throws Exception {
		gates.put("watched", new CountDownLatch(1));
		started.put("watched", new CountDownLatch(1));
		finished.put("watched", new AtomicBoolean());
		TaskId id = submitter.submit("result-gated", "watched");
		CompletableFuture<String> future = waiter.resultAsync(id, String.class);
		CompletableFuture<String> other = otherWaiter.resultAsync(id, String.class);
		AtomicBoolean handlerHadFinished = new AtomicBoolean();
		future.whenComplete((value, failure) -> handlerHadFinished.set(finished.get("watched").get()));
		assertThat(started.get("watched").await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(future).isNotDone();
		assertThat(other).isNotDone();
		gates.get("watched").countDown();
		await().until(future::isDone);
		assertThat(future.get()).isEqualTo("opened watched");
		assertThat(other).succeedsWithin(Duration.ofSeconds(30)).isEqualTo("opened watched");
		assertThat(handlerHadFinished).isTrue();
	}

	@Test
	void aWaitThatRunsOutOfTimeNamesTheTaskAndTheWaitAndLeavesTheTaskAlone() {
		gates.put("late", new CountDownLatch(1));
		TaskId id = submitter.submit("result-gated", "late");
		assertThatExceptionOfType(TaskResultTimeoutException.class)
			.isThrownBy(() -> waiter.result(id, String.class, Duration.ofMillis(200)))
			.withMessageContaining(id.toString())
			.withMessageContaining("200ms")
			.satisfies((ex) -> assertThat(ex.getTaskId()).isEqualTo(id))
			.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(200)));
		gates.get("late").countDown();
		assertThat(waiter.result(id, String.class, Duration.ofSeconds(30))).isEqualTo("opened late");
	}

	@Test
	void aTaskThatRanOutOfAttemptsFailsTheWaitWithItsError() {
		TaskId id = submitter.submit("result-fails", "o-3");
		assertThatExceptionOfType(TaskFailedException.class)
			.isThrownBy(() -> waiter.result(id, String.class, Duration.ofSeconds(30)))
			.withMessageContaining(id.toString())
			.withMessageContaining("card declined for o-3")
			.satisfies((ex) -> assertThat(ex.getError())
				.isEqualTo("java.lang.IllegalStateException: card declined for o-3"))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(2));
		CompletableFuture<String> future = otherWaiter.resultAsync(id, String.class);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(TaskFailedException.class);
	}

	@Test
	void aTaskCancelledWhileAwaitedEndsTheWaitAsCancelled() {
		TaskId id = submitter.submit("result-quote", new Order("o-4", 1), SubmitOptions.delayed(Duration.ofHours(1)));
		CompletableFuture<Quote> future = waiter.resultAsync(id, Quote.class);
		CompletableFuture<Quote> other = otherWaiter.resultAsync(id, Quote.class);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		future.whenComplete((value, ex) -> failure.set(ex));
		assertThat(future).isNotDone();
		assertThat(submitter.cancel(id)).isTrue();
		await().until(() -> future.isDone() && other.isDone());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(other::get)
			.withCauseInstanceOf(TaskCancelledException.class);
		assertThat(failure.get()).isInstanceOf(TaskCancelledException.class).hasMessageContaining(id.toString());
		assertThatExceptionOfType(TaskCancelledException.class)
			.isThrownBy(() -> waiter.result(id, Quote.class, Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.getTaskId()).isEqualTo(id));
	}

	@Test
	void aWaitOutlivesTheExpiryOfItsInstancesSession() {
		TaskId id = submitter.submit("result-quote", new Order("o-6", 1), SubmitOptions.delayed(Duration.ofHours(1)));
		CompletableFuture<Quote> future = waiter.resultAsync(id, Quote.class);
		CompletableFuture<Quote> other = otherWaiter.resultAsync(id, Quote.class);
		await().until(() -> waiter.status(id).state() == TaskState.SCHEDULED);
		instances.expireSession(1);
		CuratorFramework curator = instances.get(1).getBean(CuratorFramework.class);
		await().until(() -> curator.getZookeeperClient().isConnected());
		assertThat(submitter.cancel(id)).isTrue();
		await().until(() -> future.isDone() && other.isDone());
		assertThat(future).isCompletedExceptionally();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(future::get)
			.withCauseInstanceOf(TaskCancelledException.class);
		// the instance whose session lived on sees the same ending
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(other::get)
			.withCauseInstanceOf(TaskCancelledException.class);
	}

	@Test
	void anIdNeverSubmittedIsUnknownAndNotBlamedOnTheRetention() {
		TaskId submitted = submitter.submit("result-quote", new Order("o-5", 1));
		String uid = submitted.uid();
		// the same submit time and shard, another random part: a task that was never submitted
		TaskId never = new TaskId("result-quote", uid.substring(0, 9) + "zzzzzzzzzz" + uid.substring(19));
		assertThatExceptionOfType(UnknownTaskException.class)
			.isThrownBy(() -> waiter.result(never, Quote.class, Duration.ofSeconds(30)))
			.withMessageContaining(never.toString())
			.withMessageContaining("never submitted")
			.satisfies((ex) -> assertThat(ex.isRemovedByRetention()).isFalse());
		assertThatExceptionOfType(UnknownTaskException.class)
			.isThrownBy(() -> otherWaiter.result(never, Quote.class, Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.isRemovedByRetention()).isFalse());
		CompletableFuture<Quote> future = otherWaiter.resultAsync(new TaskId("result-quote", "not-a-task-id"),
				Quote.class);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(UnknownTaskException.class);
	}

	@Test
	void anIdOlderThanTheRetentionIsUnknownBecauseOfTheRetention() {
		// a uid starts with its submit time, base 36, in 9 characters: a day ago
		String time = Long.toString(System.currentTimeMillis() - Duration.ofDays(1).toMillis(), 36);
		TaskId old = new TaskId("result-quote", "0".repeat(9 - time.length()) + time + "0000000000_0");
		assertThatExceptionOfType(UnknownTaskException.class)
			.isThrownBy(() -> waiter.result(old, Quote.class, Duration.ofSeconds(30)))
			.withMessageContaining("retention")
			.satisfies((ex) -> assertThat(ex.isRemovedByRetention()).isTrue());
		assertThatExceptionOfType(UnknownTaskException.class)
			.isThrownBy(() -> otherWaiter.result(old, Quote.class, Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.isRemovedByRetention()).isTrue());
	}

	record Order(String id, int quantity) {
	}

	record Quote(String orderId, int total) {
	}

	@Configuration(proxyBeanMethods = false)
	static class ResultHandlers {

		@Bean
		Handlers resultTaskHandlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		@WorkflowTask(name = "result-quote")
		public Quote quote(Order order) {
			return new Quote(order.id(), order.quantity() * 10);
		}

		@WorkflowTask(name = "result-void")
		public void nothing(String payload) {
		}

		@WorkflowTask(name = "result-gated", maxAttempts = 1, timeout = "60s")
		public String gated(String payload) throws InterruptedException {
			started.computeIfAbsent(payload, (key) -> new CountDownLatch(1)).countDown();
			gates.computeIfAbsent(payload, (key) -> new CountDownLatch(1)).await(30, TimeUnit.SECONDS);
			finished.computeIfAbsent(payload, (key) -> new AtomicBoolean()).set(true);
			return "opened " + payload;
		}

		@WorkflowTask(name = "result-fails", maxAttempts = 2, backoff = "50ms")
		public String fails(String payload) {
			throw new IllegalStateException("card declined for " + payload);
		}

	}

}
