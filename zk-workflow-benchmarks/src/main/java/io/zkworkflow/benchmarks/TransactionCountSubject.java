package io.zkworkflow.benchmarks;

import java.time.Duration;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * A subject that counts the ZooKeeper transactions one operation costs. It repeats batches of
 * its operation through the warm-up, then counts the whole server's transactions (the zxid of a
 * probe znode written at both ends, a multi and a failed multi being one each) over the batches
 * of the window. What the deployment commits when idle (coordinator rounds, leases renewed) is
 * measured for {@link #IDLE} just before and taken off in proportion, so the figure is what the
 * operations added. Table {@link BenchmarkTable#WRITES}; the note compares the rate with what
 * the ceiling of the same run allows ({@link WriteBudget}).
 */
public abstract class TransactionCountSubject implements BenchmarkSubject {

	private static final Duration IDLE = Duration.ofSeconds(2);

	private final Correctness correctness = new Correctness();

	private @Nullable CuratorFramework probeClient;

	private String probePath = "";

	/**
	 * Run a batch of operations and return once all of them are done (committed, applied).
	 * @param latencies where to record each operation's latency in nanoseconds
	 * @return the operations the batch ran
	 * @throws Exception any failure stops the subject and reports it as failed
	 */
	protected abstract long batch(Histogram latencies) throws Exception;

	/**
	 * Start what the operations need.
	 * @param context the subject's context
	 * @throws Exception when setup fails
	 */
	protected abstract void start(BenchmarkContext context) throws Exception;

	/**
	 * Describe the deployment and the load for the note.
	 * @return e.g. {@code 1 thread, 1 Spring context}
	 */
	protected abstract String describe();

	/**
	 * Return this subject's correctness counters.
	 * @return the counters
	 */
	protected final Correctness correctness() {
		return this.correctness;
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.WRITES;
	}

	@Override
	public final void setup(BenchmarkContext context) throws Exception {
		start(context);
		this.probeClient = context.newClient();
		this.probePath = context.persistentPath(this.probeClient, "zxid-probe");
	}

	@Override
	public final SubjectResult run(RunPlan plan) throws Exception {
		Histogram discarded = new Histogram(3);
		long warmUntil = System.nanoTime() + plan.warmup().toNanos();
		do {
			batch(discarded);
		}
		while (System.nanoTime() < warmUntil);
		long idleStart = System.nanoTime();
		long idleFrom = touch();
		Thread.sleep(IDLE.toMillis());
		long idleTransactions = touch() - idleFrom - 1;
		double idlePerSecond = Math.max(0, idleTransactions) / ((System.nanoTime() - idleStart) / 1e9);
		Histogram latencies = new ConcurrentHistogram(3);
		long operations = 0;
		long start = System.nanoTime();
		long from = touch();
		long until = start + plan.window().toNanos();
		do {
			operations += batch(latencies);
		}
		while (System.nanoTime() < until);
		long to = touch();
		long elapsed = System.nanoTime() - start;
		boolean sameEpoch = (from >>> 32) == (to >>> 32);
		double perOperation = sameEpoch
				? WriteBudget.perOperation(to - from - 1, idlePerSecond, elapsed / 1e9, operations) : Double.NaN;
		double opsPerSecond = operations / (elapsed / 1e9);
		String note = describe() + "; " + (sameEpoch ? WriteBudget.describe(perOperation, opsPerSecond)
				: "transactions not counted (leader changed)")
				+ String.format(java.util.Locale.ROOT, " (%,d transactions for %,d ops, %.1f/s idle taken off)",
						to - from - 1, operations, idlePerSecond);
		return SubjectResult.measured(this, latencies, operations, Duration.ofNanos(elapsed), this.correctness, note);
	}

	private long touch() throws Exception {
		CuratorFramework client = this.probeClient;
		if (client == null) {
			throw new IllegalStateException("setup() did not run: no probe client");
		}
		return client.setData().forPath(this.probePath, new byte[0]).getMzxid();
	}

}
