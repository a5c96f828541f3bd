package io.zkworkflow.task.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.EphemeralReservation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskExecutor;

/**
 * Runs the tasks of one name on this instance: {@code concurrency} threads, each taking a
 * ready node from the {@link ReadyQueueWatcher}, claiming it ({@link TaskClaimer}), running
 * the handler ({@link AttemptRunner}) and ending the attempt in one transaction
 * ({@link AttemptCompleter}). The threads come from {@link TaskThreads#handlers()} (virtual
 * ones where the application runs on virtual threads); each attempt runs inline on its
 * claiming thread, wrapped by the application's {@link TaskDecorator}.
 */
final class TaskConsumer {

	private static final Log logger = LogFactory.getLog(TaskConsumer.class);

	private final TaskDefinition definition;

	private final TaskRuntime runtime;

	private final Transactions transactions;

	private final ReadyQueueWatcher watcher;

	private final TaskClaimer claimer;

	private final AttemptCompleter completer;

	private final AttemptRunner runner;

	private final TaskDecorator decorator;

	/** The fleet-wide limit of this name, {@code null} when it has none. */
	private final @Nullable FleetSlots slots;

	/** The fleet-wide rate limit of this name, {@code null} when it has none. */
	private final @Nullable FleetRate rate;

	/** Counts down as each claim loop ends. */
	private @Nullable CountDownLatch loopsEnded;

	private volatile boolean claiming;

	private static final int LEASE_SUFFIX_BOUND = 48;

	private final AtomicBoolean budgetPaused = new AtomicBoolean();

	/** Claim loops between taking a ready node and ending its attempt. */
	private final AtomicInteger claimsInFlight = new AtomicInteger();

	/**
	 * A bound on what one lease adds to the session's close record: the run root of this name,
	 * then "/{shard}/{uid}-{sequence}/lease" (at most 48 characters).
	 */
	private final long leaseSize;

	TaskConsumer(TaskDefinition definition, TaskRuntime runtime, ShardOwnership ownership) {
		this.leaseSize = EphemeralBudget.sizeOf(ZKPaths.fixForNamespace(runtime.curator().getNamespace(),
				runtime.paths().runRoot(definition.name()))) + LEASE_SUFFIX_BOUND;
		this.definition = definition;
		this.runtime = runtime;
		this.transactions = runtime.transactions();
		this.watcher = new ReadyQueueWatcher(runtime.curator(), runtime.paths().readyRoot(definition.name()), ownership,
				runtime.settings().shards(), runtime.scheduler(),
				(readyPath) -> runtime.paths().dataFor(definition.name(), readyPath));
		this.claimer = new TaskClaimer(definition, runtime, this.transactions);
		this.completer = new AttemptCompleter(definition, runtime, this.transactions);
		this.runner = new AttemptRunner(definition, runtime, this.completer, this.watcher::skip);
		this.decorator = runtime.settings().threads().decorator();
		// the property wins over the annotation, so that operators can change a limit without a build
		Integer fleetLimit = runtime.settings().fleetConcurrency().get(definition.name());
		if (fleetLimit == null && definition.fleetConcurrency() > 0) {
			fleetLimit = definition.fleetConcurrency();
		}
		this.slots = (fleetLimit != null) ? new FleetSlots(runtime.curator(), runtime.paths().slotsRoot(definition.name()),
				fleetLimit, runtime.budget(), runtime.instanceId()) : null;
		TaskRateLimit rateLimit = runtime.settings().fleetRates().getOrDefault(definition.name(), definition.fleetRate());
		this.rate = (rateLimit != null) ? new FleetRate(runtime.curator(), runtime.paths().rateNode(definition.name()),
				rateLimit, Clock.systemUTC()) : null;
	}

	String name() {
		return this.definition.name();
	}

	int concurrency() {
		return this.definition.concurrency();
	}

	int free() {
		return this.definition.concurrency() - this.runner.running().size();
	}

	void start() throws Exception {
		for (int shard = 0; shard < this.runtime.settings().shards(); shard++) {
			this.transactions.ensure(this.runtime.paths().readyShard(name(), shard));
		}
		this.claiming = true;
		this.watcher.start();
		TaskExecutor executor = this.runtime.settings().threads().handlers().apply(TaskThreads.handlerPrefix(name()));
		CountDownLatch ended = new CountDownLatch(this.definition.concurrency());
		this.loopsEnded = ended;
		for (int i = 0; i < this.definition.concurrency(); i++) {
			executor.execute(() -> {
				try {
					claimLoop();
				}
				finally {
					ended.countDown();
				}
			});
		}
	}

	void rescan() {
		this.watcher.rescan();
	}

	/** A member joined, left or changed: the shards this instance owns may have changed. */
	void membersChanged() {
		this.watcher.followOwnership();
	}

	/** Stop claiming; running attempts continue. */
	void stopClaiming() {
		this.claiming = false;
		this.watcher.close();
	}

	/** Whether no thread is claiming or running an attempt: a claim sent just before a stop counts. */
	boolean isIdle() {
		return this.claimsInFlight.get() == 0 && this.runner.running().isEmpty();
	}

	/** Hand every still-running attempt back to the queue at once, without counting it. */
	void handBackRunning() {
		for (RunningAttempt attempt : this.runner.running()) {
			if (!attempt.end()) {
				continue;
			}
			this.completer.handBack(attempt);
			attempt.interruptHandler();
		}
	}

	void joinThreads(Duration wait) {
		CountDownLatch ended = this.loopsEnded;
		if (ended == null) {
			return;
		}
		try {
			ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Take room for a claim's ephemeral lease in the session's budget, sized for the longest
	 * lease path of this task name. When there is none, this thread waits until room frees (at
	 * most a second) and takes no ready node meanwhile: claims pause, they do not spin, and the
	 * queue stays for other instances.
	 */
	private @Nullable EphemeralReservation reserveLease() {
		long size = this.leaseSize;
		EphemeralBudget budget = this.runtime.budget();
		EphemeralReservation reservation = budget.tryReserve(this.runtime.sessionId(), size);
		if (reservation == null) {
			if (this.budgetPaused.compareAndSet(false, true)) {
				logger.warn("Task '" + name() + "': claims paused, " + budget.refusal(size));
			}
			budget.awaitRoom(size, Duration.ofSeconds(1));
			return null;
		}
		if (this.budgetPaused.compareAndSet(true, false)) {
			logger.info("Task '" + name() + "': claims resume, the ephemeral node budget has room again");
		}
		return reservation;
	}

	private void claimLoop() {
		SlotKeeper slot = new SlotKeeper(this.slots, this.runtime, name());
		try {
			while (this.claiming) {
				claimOnce(slot);
			}
		}
		finally {
			slot.release();
		}
	}

	/**
	 * One turn of a claiming thread. Room for the lease first, so that a node is only taken when
	 * it can be claimed; then a fleet-wide slot, if the name has a limit (kept from the last
	 * attempt when this thread still holds one): without one, no node is taken, nothing is
	 * claimed, no attempt counted, and the queue stays for later.
	 */
	private void claimOnce(SlotKeeper slot) {
		EphemeralReservation lease = reserveLease();
		if (lease == null) {
			return;
		}
		if (!slot.hold()) {
			lease.release();
			return;
		}
		ReadyNode ready;
		try {
			ready = this.watcher.take(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			lease.release();
			slot.release();
			return;
		}
		// a permit last, once there is work: a thread without one leaves the node unclaimed; a
		// thread without work gives its slot back, and one whose session changed takes a new one
		if (ready == null || !takePermit() || !slot.stillHeld()) {
			lease.release();
			slot.release();
			if (ready != null) {
				this.watcher.release(ready.path());
			}
			return;
		}
		this.claimsInFlight.incrementAndGet();
		try {
			RunningAttempt attempt = this.claiming ? this.claimer.claim(ready, slot.session()) : null;
			if (attempt != null) {
				this.decorator.decorate(() -> this.runner.run(attempt)).run();
			}
		}
		catch (Exception ex) {
			logger.debug("Task " + name() + ": " + ex, ex);
		}
		finally {
			this.claimsInFlight.decrementAndGet();
			lease.release();
			this.watcher.release(ready.path());
			Thread.interrupted();
		}
	}

	/** Take a permit of the fleet-wide rate (waiting a second at most); {@code true} without a rate. */
	private boolean takePermit() {
		FleetRate fleet = this.rate;
		try {
			return fleet == null || fleet.tryTake(Duration.ofSeconds(1));
		}
		catch (InterruptedException ex) {
			return false;
		}
		catch (Exception ex) {
			logger.debug("Task " + name() + ": could not take a permit of its fleet-wide rate: " + ex, ex);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
			return false;
		}
	}

}
