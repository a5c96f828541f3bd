package io.zkworkflow.benchmarks.lock;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.zkworkflow.lock.LockLostException;
import io.zkworkflow.lock.LockNotAcquiredException;
import org.HdrHistogram.Histogram;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;

/**
 * How long a holder takes to learn that its lock is gone: a thread sits in a
 * {@code @DistributedLocked(onLockLost = INTERRUPT)} method, its instance's session is expired
 * with Curator's {@link KillSession}, and the time from the expiry until the call ends with
 * {@link LockLostException} is recorded; repeated {@code --lock-loss-repetitions} times (after
 * a few unrecorded ones). Each repetition locks a fresh key, so none waits for the node of a
 * previous, expired session. The call is counted as {@code unreported} when it ends any other
 * way. Under load an instance sometimes cannot lock within the holder's 10 s wait right after an
 * expiry (a thread dump showed the server idle and the request held in Curator's background
 * queue, which waits for a connection; not seen without {@code KillSession}); such a repetition
 * is counted in the notes and tried again with another key. Only the latency columns mean something here; ops/s is repetitions per second of the
 * whole procedure (acquire, expire, reconnect).
 */
public final class LockLossSubject implements BenchmarkSubject {

	private static final int WARMUP_REPETITIONS = 3;

	private static final int MAX_LOCK_ATTEMPTS = 3;

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

	private final LockApplications applications = new LockApplications();

	private final Correctness correctness = new Correctness();

	private final LongAdder unreported = this.correctness.counter("unreported");

	private final LongAdder lockRetries = new LongAdder();

	private final ExecutorService holders = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "zkworkflow.lock-loss-holder");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable LockedCalls calls;

	private int repetitions;

	@Override
	public String name() {
		return "zkworkflow.lock-loss";
	}

	@Override
	public String measurement() {
		return "session expired (KillSession) -> the locked call ends with LockLostException";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.LOCK_LOSS;
	}

	@Override
	public void setup(BenchmarkContext context) {
		this.repetitions = context.options().positiveInt("lock-loss-repetitions",
				context.options().shortMode() ? 50 : 200);
		this.calls = this.applications.start(context, "10s");
	}

	@Override
	public SubjectResult run(RunPlan plan) throws Exception {
		CuratorFramework curator = this.applications.context(0).getBean(CuratorFramework.class);
		LockedCalls locked = LockSubjects.required(this.calls);
		for (int i = 0; i < WARMUP_REPETITIONS; i++) {
			expireOnce(curator, locked, "warmup-" + i);
		}
		Histogram latencies = new Histogram(3);
		long start = System.nanoTime();
		for (int i = 0; i < this.repetitions; i++) {
			long latency = expireOnce(curator, locked, "rep-" + i);
			if (latency >= 0) {
				latencies.recordValue(latency);
			}
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		return SubjectResult.measured(this, latencies, latencies.getTotalCount(), elapsed, this.correctness,
				this.repetitions + " repetitions, onLockLost = INTERRUPT, 1 Spring context; " + this.lockRetries.sum()
						+ " times the instance could not lock within 10 s just after an expiry and tried again");
	}

	/**
	 * Hold a lock on a holder thread, expire the session, and return the time until the call
	 * ended with LockLostException, or -1 when it ended otherwise.
	 */
	private long expireOnce(CuratorFramework curator, LockedCalls locked, String key) throws Exception {
		if (!curator.blockUntilConnected((int) STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException("The instance did not reconnect within " + STEP_TIMEOUT
					+ " after its session was expired");
		}
		CountDownLatch entered = new CountDownLatch(1);
		Future<Long> ended = hold(locked, key, entered);
		for (int attempt = 1; !awaitEntered(entered, ended, key); attempt++) {
			// the instance could not lock within the holder's wait time right after the previous
			// expiry; counted and reported, and tried again with another fresh key
			this.lockRetries.increment();
			if (attempt == MAX_LOCK_ATTEMPTS) {
				throw new IllegalStateException("The holder could not get lock '" + key + "' in " + attempt
						+ " attempts after the previous expiry: " + failureOf(ended));
			}
			entered = new CountDownLatch(1);
			ended = hold(locked, key + "-again-" + attempt, entered);
		}
		long expired = System.nanoTime();
		KillSession.kill(curator.getZookeeperClient().getZooKeeper());
		long end;
		try {
			end = ended.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			ended.cancel(true);
			end = -1;
		}
		if (end < 0) {
			this.unreported.increment();
			return -1;
		}
		return end - expired;
	}

	private Future<Long> hold(LockedCalls locked, String key, CountDownLatch entered) {
		return this.holders.submit(() -> {
			try {
				locked.holdUntilLost(key, entered);
				return -1L;
			}
			catch (LockLostException ex) {
				return System.nanoTime();
			}
		});
	}

	/**
	 * Wait until the holder is inside the locked method.
	 * @return {@code false} when its call ended first, not having acquired the lock
	 */
	private static boolean awaitEntered(CountDownLatch entered, Future<Long> ended, String key) throws Exception {
		long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
		while (!entered.await(10, TimeUnit.MILLISECONDS)) {
			if (ended.isDone()) {
				if (failureOf(ended) instanceof LockNotAcquiredException) {
					return false;
				}
				throw new IllegalStateException("The holder's call for lock '" + key + "' ended without holding it: "
						+ failureOf(ended));
			}
			if (System.nanoTime() > deadline) {
				ended.cancel(true);
				throw new IllegalStateException("The holder did not get lock '" + key + "' within " + STEP_TIMEOUT);
			}
		}
		return true;
	}

	private static @Nullable Throwable failureOf(Future<Long> ended) throws InterruptedException {
		try {
			ended.get();
			return null;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return ex.getCause();
		}
	}

	@Override
	public void tearDown() {
		this.holders.shutdownNow();
		this.applications.close();
	}

}
