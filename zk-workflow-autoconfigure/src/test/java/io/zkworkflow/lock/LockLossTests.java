package io.zkworkflow.lock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.lock.internal.HeldLock;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A holder whose session expires learns it lost the lock, its transaction is rolled back, and
 * another instance takes the lock.
 */
class LockLossTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void expiredHolderFailsWithLockLostItsCommitIsRolledBackAndAnotherInstanceAcquires() {
		LockInstances.with(zookeeper, LossConfiguration.class, 2, (instances) -> {
			ConfigurableApplicationContext first = instances.get(0);
			Holder holder = first.getBean(Holder.class);
			Future<Long> held = this.executor.submit(holder::holdUntilLost);
			await(holder.entered());
			kill(first);
			ExecutionException failure = catchFailure(held);
			assertThat(failure.getCause()).isInstanceOfSatisfying(LockLostException.class, (lost) -> {
				assertThat(lost.getLockName()).isEqualTo("loss");
				assertThat(lost.getState()).isEqualTo(LockState.LOST);
			});
			RecordingTransactionManager transactions = first.getBean(RecordingTransactionManager.class);
			assertThat(transactions.commits).hasValue(0);
			assertThat(transactions.rollbacks).hasValue(1);
			long oldToken = ((LockLostException) failure.getCause()).getFencingToken();
			long newToken = instances.get(1).getBean(Holder.class).take();
			assertThat(newToken).isGreaterThan(oldToken);
			assertThat(first.getBean(LostEvents.class).events).singleElement()
				.satisfies((event) -> assertThat(event.getFencingToken()).isEqualTo(oldToken));
			assertThat(first.getBean(MeterRegistry.class).get("zk.workflow.lock.lost").counter().count()).isOne();
		});
	}

	@Test
	void interruptPolicyInterruptsTheHolderWhenItsSessionExpires() {
		LockInstances.with(zookeeper, LossConfiguration.class, 2, (instances) -> {
			ConfigurableApplicationContext first = instances.get(0);
			Holder holder = first.getBean(Holder.class);
			Future<?> held = this.executor.submit(() -> {
				holder.blockUntilInterrupted();
				return null;
			});
			await(holder.entered());
			kill(first);
			ExecutionException failure = catchFailure(held);
			assertThat(failure.getCause()).isInstanceOf(LockLostException.class)
				.hasCauseInstanceOf(InterruptedException.class);
			assertThat(instances.get(1).getBean(Holder.class).take()).isPositive();
		});
	}

	@Test
	void ignorePolicyReturnsTheResultAfterTheLossWasPublished() {
		LockInstances.with(zookeeper, LossConfiguration.class, 1, (instances) -> {
			ConfigurableApplicationContext first = instances.get(0);
			Holder holder = first.getBean(Holder.class);
			Future<String> held = this.executor.submit(holder::ignoreLoss);
			await(holder.entered());
			kill(first);
			try {
				assertThat(held.get(1, TimeUnit.MINUTES)).isEqualTo("done");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			assertThat(first.getBean(LostEvents.class).events).hasSize(1);
		});
	}

	@Test
	void lockIsTakenBeforeTheTransactionBegins() {
		LockInstances.with(zookeeper, LossConfiguration.class, 2, (instances) -> {
			Holder first = instances.get(0).getBean(Holder.class);
			CountDownLatch gate = new CountDownLatch(1);
			this.executor.submit(() -> {
				first.holdUntil(gate);
				return null;
			});
			await(first.entered());
			assertThatExceptionOfType(LockNotAcquiredException.class)
				.isThrownBy(() -> instances.get(1).getBean(Holder.class).tryTransactional());
			RecordingTransactionManager transactions = instances.get(1).getBean(RecordingTransactionManager.class);
			assertThat(transactions.commits).hasValue(0);
			assertThat(transactions.rollbacks).hasValue(0);
			gate.countDown();
			org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(instances.get(1).getBean(Holder.class).tryTransactional())
				.isTrue());
			assertThat(transactions.commits).hasValue(1);
		});
	}

	@Test
	void holderResumingAfterItsNodeWasRemovedUnnoticedIsToldWhenItFinishes() {
		LockInstances.with(zookeeper, LossConfiguration.class, 1, (instances) -> {
			ConfigurableApplicationContext first = instances.get(0);
			CuratorFramework curator = first.getBean(CuratorFramework.class);
			CuratorFramework servers = zookeeper.newClient();
			CountDownLatch resume = new CountDownLatch(1);
			long[] token = new long[1];
			try {
				assertThatExceptionOfType(LockLostException.class)
					.isThrownBy(() -> first.getBean(Holder.class).finishAfter(() -> {
						// like a process resuming from a long pause: its client has not yet processed
						// anything the servers did meanwhile (its event thread is busy) ...
						occupyEventThread(curator, resume);
						// ... and the servers removed its node when they expired its session
						HeldLock lock = (HeldLock) LockContext.current();
						token[0] = lock.fencingToken();
						servers.delete().forPath(lock.path());
					}))
					.satisfies((lost) -> assertThat(lost.getFencingToken()).isEqualTo(token[0]));
			}
			finally {
				resume.countDown();
			}
			assertThat(first.getBean(LostEvents.class).events).singleElement()
				.satisfies((event) -> assertThat(event.getFencingToken()).isEqualTo(token[0]));
		});
	}

	@Test
	void holderFinishingWhileSuspendedIsToldOnceItsSessionTurnsOutLost() {
		LockInstances.with(zookeeper, LossConfiguration.class, 1, (instances) -> {
			ConfigurableApplicationContext first = instances.get(0);
			long[] token = new long[1];
			try {
				// the locked code ends while the connection is suspended: nobody can tell yet
				// whether the lock was ours to the end, so the call returns as it is
				first.getBean(Holder.class).finishAfter(() -> {
					LockContext lock = LockContext.current();
					token[0] = lock.fencingToken();
					zookeeper.server().stop();
					org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> lock.state() == LockState.SUSPECT);
				});
				assertThat(first.getBean(LostEvents.class).events).isEmpty();
				// the servers stay away past the session timeout: the session is lost, and with it
				// the lock, before it was given back
				org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1))
					.untilAsserted(() -> assertThat(first.getBean(LostEvents.class).events).singleElement()
						.satisfies((event) -> assertThat(event.getFencingToken()).isEqualTo(token[0])));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				restart();
			}
		});
	}

	private static void restart() {
		try {
			zookeeper.server().restart();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void occupyEventThread(CuratorFramework curator, CountDownLatch until) throws Exception {
		CountDownLatch occupied = new CountDownLatch(1);
		curator.checkExists().inBackground((client, event) -> {
			occupied.countDown();
			until.await();
		}).forPath("/");
		await(occupied);
	}

	private static void kill(ConfigurableApplicationContext context) {
		ZkInstances.expireSession(context);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ExecutionException catchFailure(Future<?> call) {
		return org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
				() -> call.get(1, TimeUnit.MINUTES));
	}

	static class Holder {

		private final CountDownLatch entered = new CountDownLatch(1);

		public CountDownLatch entered() {
			return this.entered;
		}

		@DistributedLocked(name = "loss", waitTime = "30s")
		@Transactional
		public long holdUntilLost() {
			LockContext lock = LockContext.current();
			this.entered.countDown();
			org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> lock.state() == LockState.LOST);
			assertThatExceptionOfType(LockLostException.class).isThrownBy(lock::assertHeld);
			return lock.fencingToken();
		}

		@DistributedLocked(name = "loss", waitTime = "30s", onLockLost = OnLockLost.INTERRUPT)
		public void blockUntilInterrupted() throws InterruptedException {
			this.entered.countDown();
			new CountDownLatch(1).await();
		}

		@DistributedLocked(name = "loss", waitTime = "30s", onLockLost = OnLockLost.IGNORE)
		public String ignoreLoss() {
			LockContext lock = LockContext.current();
			this.entered.countDown();
			org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> lock.state() == LockState.LOST);
			return "done";
		}

		@DistributedLocked(name = "loss")
		public void holdUntil(CountDownLatch gate) throws InterruptedException {
			this.entered.countDown();
			gate.await();
		}

		@DistributedLocked(name = "loss")
		@Transactional
		public boolean tryTransactional() {
			return org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive();
		}

		@DistributedLocked(name = "loss", waitTime = "30s")
		public void finishAfter(ThrowingRunnable whileHeld) throws Exception {
			whileHeld.run();
		}

		@DistributedLocked(name = "loss", waitTime = "30s")
		public long take() {
			return LockContext.current().fencingToken();
		}

	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Exception;

	}

	static class LostEvents implements ApplicationListener<LockLostEvent> {

		final List<LockLostEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(LockLostEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class LossConfiguration {

		@Bean
		Holder holder() {
			return new Holder();
		}

		@Bean
		RecordingTransactionManager transactionManager() {
			return new RecordingTransactionManager();
		}

		@Bean
		LostEvents lostEvents() {
			return new LostEvents();
		}

	}

}
