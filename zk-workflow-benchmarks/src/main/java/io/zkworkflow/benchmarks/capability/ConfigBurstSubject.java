package io.zkworkflow.benchmarks.capability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;
import io.zkworkflow.test.ZkInstances;
import org.HdrHistogram.ConcurrentHistogram;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * A burst of {@value #UPDATES} updates to one key, pipelined from one session (ZooKeeper keeps
 * them in order), every tenth one invalid (alternately not a number, and a negative number a
 * {@code ZkConfigValidator} refuses); the last one is valid. The {@code @ZkConfigValue}
 * setter records what it is given.
 * <p>
 * Correctness: {@code invalid-applied} (an invalid value reached the setter),
 * {@code went-back} (a value older than one already applied was applied), {@code last-missing}
 * (the last value was not applied within 30 s). Throughput is updates over the time from the
 * first write to the last value applied; latency is write to setter for the values that were
 * applied (the pipeline may fold quick versions into the latest).
 */
public final class ConfigBurstSubject implements BenchmarkSubject {

	private static final int UPDATES = 2_000;

	private static final int IN_FLIGHT = 100;

	private final Correctness correctness = new Correctness();

	private final ConcurrentHistogram latencies = new ConcurrentHistogram(3);

	private final Map<Long, Long> writtenAt = new ConcurrentHashMap<>();

	private final AtomicLong lastApplied = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong lastAppliedAt = new AtomicLong();

	private final LongAdder applied = new LongAdder();

	private @Nullable ZkInstances instances;

	private @Nullable CuratorFramework writer;

	private String node = "";

	private volatile boolean burstStarted;

	@Override
	public String name() {
		return "zkworkflow.config-burst";
	}

	@Override
	public String measurement() {
		return "burst of 2,000 setData on one key (10% invalid) -> @ZkConfigValue setter";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.PROPAGATION;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.correctness.counter("invalid-applied");
		this.correctness.counter("went-back");
		this.correctness.counter("last-missing");
		CuratorFramework client = context.newClient();
		this.writer = client;
		String root = context.path("config");
		this.node = root + "/" + ConfigApps.APPLICATION + "/" + ConfigApps.BURST_KEY;
		client.create().creatingParentsIfNeeded().forPath(this.node, "0".getBytes(StandardCharsets.UTF_8));
		ConfigApps.onBurst = this::applied;
		ZkInstances apps = AppInstances.on(context.connectString());
		this.instances = apps;
		apps.start(ConfigApps.app(), "spring.application.name=" + ConfigApps.APPLICATION,
				"zk-workflow.config.root=" + root, "zk-workflow.root-path=" + context.path("zk-workflow"));
	}

	private void applied(long value, long nanos) {
		if (!this.burstStarted) {
			return;
		}
		if (value < 0 || !isValid(value)) {
			this.correctness.counter("invalid-applied").increment();
		}
		long previous = this.lastApplied.getAndSet(value);
		if (value < previous) {
			this.correctness.counter("went-back").increment();
		}
		Long written = this.writtenAt.get(Math.abs(value));
		if (written != null) {
			this.latencies.recordValue(Math.max(0, nanos - written));
		}
		this.applied.increment();
		this.lastAppliedAt.set(nanos);
	}

	private static boolean isValid(long update) {
		return update % 10 != 3;
	}

	private static String valueOf(long update) {
		if (isValid(update)) {
			return Long.toString(update);
		}
		return ((update / 10) % 2 == 0) ? "abc" + update : "-" + update;
	}

	@Override
	public SubjectResult run(RunPlan plan) throws Exception {
		CuratorFramework client = this.writer;
		if (client == null) {
			throw new IllegalStateException("setup() did not run: no writer");
		}
		this.burstStarted = true;
		Semaphore permits = new Semaphore(IN_FLIGHT);
		long start = System.nanoTime();
		for (long update = 1; update <= UPDATES; update++) {
			permits.acquire();
			this.writtenAt.put(update, System.nanoTime());
			client.setData()
				.inBackground((c, event) -> permits.release())
				.forPath(this.node, valueOf(update).getBytes(StandardCharsets.UTF_8));
		}
		permits.acquire(IN_FLIGHT);
		long writesDone = System.nanoTime();
		long deadline = writesDone + TimeUnit.SECONDS.toNanos(30);
		while (this.lastApplied.get() != UPDATES && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		if (this.lastApplied.get() != UPDATES) {
			this.correctness.counter("last-missing").increment();
		}
		long end = Math.max(this.lastAppliedAt.get(), start + 1);
		return SubjectResult.measured(this, this.latencies, UPDATES, Duration.ofNanos(end - start), this.correctness,
				String.format("%,d updates, %,d invalid, %d in flight; %,d applied (quick versions folded); writes "
						+ "acknowledged after %.1f ms, last value applied after %.1f ms", UPDATES, UPDATES / 10, IN_FLIGHT,
						this.applied.sum(), (writesDone - start) / 1e6, (end - start) / 1e6));
	}

	@Override
	public void tearDown() {
		ConfigApps.reset();
		if (this.instances != null) {
			this.instances.close();
		}
	}

}
