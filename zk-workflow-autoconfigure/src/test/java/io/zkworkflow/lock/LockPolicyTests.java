package io.zkworkflow.lock;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.internal.LockStatusSection;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Every {@code @DistributedLocked} option, with two instances competing where it matters.
 */
class LockPolicyTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void throwNamesLockKeyAndHolder() {
		twoInstances((a, b) -> {
			CountDownLatch gate = hold(a, "order-1");
			assertThatExceptionOfType(LockNotAcquiredException.class).isThrownBy(() -> b.tryThrow("order-1"))
				.withMessageContaining("Lock 'shared' key 'order-1' not acquired after")
				.withMessageContaining("current holder: application@");
			assertThat(b.tryThrow("order-2")).isEqualTo("ran");
			gate.countDown();
		});
	}

	@Test
	void skipReturnsEmptyValuesWithoutRunning() {
		twoInstances((a, b) -> {
			CountDownLatch gate = hold(a, "order-1");
			assertThat(b.trySkip("order-1")).isNull();
			assertThat(b.trySkipOptional("order-1")).isEmpty();
			gate.countDown();
			await().until(() -> "ran".equals(b.trySkip("order-1")));
			assertThat(b.trySkipOptional("order-1")).contains("ran");
		});
	}

	@Test
	void fallbackMethodRunsWhenNotAcquired() {
		twoInstances((a, b) -> {
			CountDownLatch gate = hold(a, "order-1");
			assertThat(b.tryFallback("order-1")).isEqualTo("fallback for order-1");
			gate.countDown();
		});
	}

	@Test
	void waitTimeWaitsForTheHolder() throws Exception {
		twoInstances((a, b) -> {
			CountDownLatch gate = hold(a, "order-1");
			Future<String> waiting = this.executor.submit(() -> b.waitFor("order-1"));
			CuratorFramework observer = zookeeper.newClient();
			String dir = new ZkRoot(ZkRoot.DEFAULT_PATH).resolve("locks", "shared", "order-1");
			await().until(() -> observer.getChildren().forPath(dir).size() == 2);
			assertThat(waiting).isNotDone();
			gate.countDown();
			assertThat(get(waiting)).isEqualTo("ran");
		});
	}

	@Test
	void minHoldTimeKeepsTheLockAfterTheMethodReturns() {
		LockInstances.with(zookeeper, JobsConfiguration.class, 2, (instances) -> {
			Jobs a = instances.get(0).getBean(Jobs.class);
			Jobs b = instances.get(1).getBean(Jobs.class);
			assertThat(a.tick()).isEqualTo("ran");
			assertThat(b.tick()).isNull();
			assertThat(a.tick()).isNull();
			assertThat(instances.get(0).getBean(DistributedLockTemplate.class).heldLocks()).singleElement()
				.satisfies((lock) -> assertThat(lock.name()).isEqualTo("tick"));
			instances.get(0).close();
			await().until(() -> "ran".equals(b.tick()));
		});
	}

	@Test
	void maxHoldTimeLosesTheLockAndFreesItForOthers() {
		twoInstances((a, b) -> {
			CountDownLatch entered = new CountDownLatch(1);
			Future<Long> holder = this.executor.submit(() -> a.holdPastMaxHoldTime(entered));
			awaitLatch(entered);
			long next = b.takeBounded();
			Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> holder.get(1, TimeUnit.MINUTES));
			assertThat(failure.getCause()).isInstanceOfSatisfying(LockLostException.class, (lost) -> {
				assertThat(lost).hasMessageContaining("maxHoldTime");
				assertThat(next).isGreaterThan(lost.getFencingToken());
				assertThat(lost.getResult()).isEqualTo(lost.getFencingToken());
			});
		});
	}

	@Test
	void readersShareAndWritersExclude() {
		twoInstances((a, b) -> {
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch gate = new CountDownLatch(1);
			this.executor.submit(() -> a.holdRead(entered, gate));
			awaitLatch(entered);
			assertThat(b.readOnce()).isEqualTo("read");
			assertThatExceptionOfType(LockNotAcquiredException.class).isThrownBy(b::writeOnce);
			gate.countDown();
			await().ignoreExceptions().until(() -> "written".equals(b.writeOnce()));
		});
	}

	@Test
	void readToWriteUpgradeFailsFast() {
		twoInstances((a, b) -> assertThatIllegalStateException().isThrownBy(a::readThenWrite)
			.withMessageContaining("Cannot upgrade lock 'rw'")
			.withMessageContaining("from READ to WRITE"));
	}

	@Test
	void semaphoreAdmitsPermitsHoldersAcrossInstances() {
		twoInstances((a, b) -> {
			CountDownLatch gate = new CountDownLatch(1);
			CountDownLatch first = new CountDownLatch(1);
			CountDownLatch second = new CountDownLatch(1);
			this.executor.submit(() -> a.holdPermit(first, gate));
			this.executor.submit(() -> b.holdPermit(second, gate));
			awaitLatch(first);
			awaitLatch(second);
			assertThatExceptionOfType(LockNotAcquiredException.class).isThrownBy(a::permitOnce)
				.withMessageContaining("all 2 permits are taken");
			gate.countDown();
			await().ignoreExceptions().until(() -> "permit".equals(b.permitOnce()));
		});
	}

	@Test
	void sameThreadReentersWithTheSameToken() {
		twoInstances((a, b) -> {
			long token = a.outer("k");
			assertThat(b.outer("k")).isGreaterThan(token);
			assertThat(LockContext.currentOrNull()).isNull();
		});
	}

	@Test
	void completionStageHoldsTheLockUntilItCompletes() {
		twoInstances((a, b) -> {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> result = a.async(pending);
			assertThat(LockContext.currentOrNull()).isNull();
			assertThat(b.asyncOnce()).isCompletedWithValue(null);
			this.executor.submit(() -> pending.complete("done"));
			assertThat(get(result)).isEqualTo("done");
			await().until(() -> "ran".equals(b.asyncOnce().join()));
		});
	}

	@Test
	void monoHoldsTheLockUntilItCompletes() {
		twoInstances((a, b) -> {
			Sinks.One<String> sink = Sinks.one();
			CompletableFuture<String> result = a.mono(sink.asMono()).toFuture();
			await().until(() -> b.monoOnce().blockOptional().isEmpty());
			sink.tryEmitValue("done");
			assertThat(get(result)).isEqualTo("done");
			await().until(() -> b.monoOnce().blockOptional().isPresent());
		});
	}

	@Test
	void heldLocksAreMeasuredAndListed() {
		LockInstances.with(zookeeper, JobsConfiguration.class, 1, (instances) -> {
			ConfigurableApplicationContext context = instances.get(0);
			CountDownLatch gate = hold(context.getBean(Jobs.class), "order-7");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("zk.workflow.lock.held").tags("name", "shared", "mode", "EXCLUSIVE").longTaskTimer()
				.activeTasks()).isOne();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> locks = (List<Map<String, Object>>) context.getBean(LockStatusSection.class)
				.snapshot();
			assertThat(locks).singleElement().satisfies((lock) -> {
				assertThat(lock).containsEntry("name", "shared").containsEntry("key", "order-7")
					.containsEntry("state", "HELD").containsKeys("token", "since");
			});
			gate.countDown();
			await().until(() -> context.getBean(DistributedLockTemplate.class).heldLocks().isEmpty());
			assertThat(meters.get("zk.workflow.lock.acquire").tags("outcome", "acquired").timer().count()).isOne();
		});
	}

	private CountDownLatch hold(Jobs jobs, String id) {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch gate = new CountDownLatch(1);
		this.executor.submit(() -> jobs.hold(id, entered, gate));
		awaitLatch(entered);
		return gate;
	}

	private void twoInstances(InstancePair body) {
		LockInstances.with(zookeeper, JobsConfiguration.class, 2,
				(instances) -> body.accept(instances.get(0).getBean(Jobs.class), instances.get(1).getBean(Jobs.class)));
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static <T> T get(Future<T> future) {
		try {
			return future.get(1, TimeUnit.MINUTES);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	interface InstancePair {

		void accept(Jobs a, Jobs b);

	}

	@Configuration(proxyBeanMethods = false)
	static class JobsConfiguration {

		@Bean
		Jobs jobs(ObjectProvider<Jobs> self) {
			return new Jobs(self);
		}

	}

}
