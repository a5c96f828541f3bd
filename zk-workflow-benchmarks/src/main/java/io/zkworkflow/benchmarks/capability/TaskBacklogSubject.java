package io.zkworkflow.benchmarks.capability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.test.ZkInstances;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Submit or claim latency of durable tasks with a backlog of pending tasks: 1,000, or the
 * large level ({@code --backlog-large}, default 100,000 in short mode and 1,000,000 in full
 * mode). The backlog is built before measuring (bulk transactions of the operations
 * {@code TaskClient.prepare} returns) in a deployment with {@value #SHARDS} shards, so the
 * large level keeps a few thousand tasks per shard.
 * <ul>
 * <li>submit: one thread calls {@code TaskClient.submit} {@value #WARMUP} + {@value #MEASURED}
 * times with no worker running; each call is timed.</li>
 * <li>claim: one worker instance ({@value TaskApps#WORKER_CONCURRENCY} threads) starts on the
 * backlog; the engine reports each claim's duration (from sending the claim, with the task's
 * data node read alongside, until both answered); the first {@value #WARMUP} are warm-up, the next {@value #MEASURED}
 * measured.</li>
 * </ul>
 * The backlog is sized so that the pending count stays within {@value #CENTER_SLACK} of the
 * level while measuring. The note reports the JVM's used heap after a full GC before and after
 * the backlog was built: the in-process ZooKeeper shares this JVM, so the difference is mostly
 * ZooKeeper's data tree (an external {@code --zookeeper} is not measured).
 */
public final class TaskBacklogSubject implements BenchmarkSubject {

	static final int SHARDS = 256;

	static final int WARMUP = 100;

	static final int MEASURED = 500;

	static final int CENTER_SLACK = WARMUP + MEASURED / 2;

	private static final int FILL_BATCH = 200;

	private final boolean large;

	private final boolean claim;

	private final Correctness correctness = new Correctness();

	private @Nullable ZkInstances instances;

	private @Nullable CuratorFramework cleaner;

	private String root = "";

	private int level;

	private long heapBefore;

	private long heapAfter;

	private String[] properties = new String[0];

	private @Nullable TaskClient client;

	private TaskBacklogSubject(boolean large, boolean claim) {
		this.large = large;
		this.claim = claim;
	}

	/** Submit latency at 1,000 pending. */
	public static TaskBacklogSubject submitSmall() {
		return new TaskBacklogSubject(false, false);
	}

	/** Submit latency at the large backlog. */
	public static TaskBacklogSubject submitLarge() {
		return new TaskBacklogSubject(true, false);
	}

	/** Claim latency at 1,000 pending. */
	public static TaskBacklogSubject claimSmall() {
		return new TaskBacklogSubject(false, true);
	}

	/** Claim latency at the large backlog. */
	public static TaskBacklogSubject claimLarge() {
		return new TaskBacklogSubject(true, true);
	}

	@Override
	public String name() {
		return "zkworkflow.tasks-" + (this.claim ? "claim" : "submit") + (this.large ? "-large" : "-1k") + "-pending";
	}

	@Override
	public String measurement() {
		return this.claim ? "claim: claim sent, task read alongside -> both answered"
				: "TaskClient.submit, one thread, returns once committed";
	}

	@Override
	public BenchmarkTable table() {
		return this.claim ? BenchmarkTable.TASK_CLAIM_BACKLOG : BenchmarkTable.TASK_SUBMIT_BACKLOG;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		int largeDefault = context.options().shortMode() ? 100_000 : 1_000_000;
		int largeLevel = context.options().positiveInt("backlog-large", largeDefault);
		this.level = this.large ? largeLevel : 1_000;
		this.root = context.path("zk-workflow");
		this.properties = new String[] { "zk-workflow.root-path=" + this.root, "zk-workflow.tasks.shards=" + SHARDS,
				"zk-workflow.tasks.max-pending=" + (2 * largeLevel + 10_000) };
		this.cleaner = context.newClient();
		ZkInstances apps = AppInstances.on(context.connectString());
		this.instances = apps;
		ConfigurableApplicationContext producer = apps.start(TaskApps.producer(), this.properties);
		this.heapBefore = usedHeapAfterGc();
		int fill = this.claim ? this.level + CENTER_SLACK : this.level - CENTER_SLACK;
		this.client = producer.getBean(TaskClient.class);
		CuratorFramework curator = producer.getBean(CuratorFramework.class);
		for (int shard = 0; shard < SHARDS; shard++) {
			// shard parents, as the first submits and workers create them
			for (String family : List.of("q", "data")) {
				curator.create()
					.orSetData()
					.creatingParentsIfNeeded()
					.forPath(this.root + "/tasks/" + TaskApps.NOOP + "/" + family + "/" + shard);
			}
		}
		fill(this.client, curator, fill);
		this.heapAfter = usedHeapAfterGc();
	}

	private static void fill(TaskClient client, CuratorFramework curator, int count) throws Exception {
		AtomicLong ids = new AtomicLong(1_000_000_000L);
		Iterator<List<CuratorOp>> batches = new Iterator<>() {

			private int made;

			@Override
			public boolean hasNext() {
				return this.made < count;
			}

			@Override
			public List<CuratorOp> next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				int size = Math.min(FILL_BATCH, count - this.made);
				List<CuratorOp> ops = new ArrayList<>(size);
				for (int i = 0; i < size; i++) {
					ops.addAll(client.prepare(TaskApps.NOOP, new TaskItem(ids.getAndIncrement(), 0), SubmitOptions.none())
						.ops());
				}
				this.made += size;
				return ops;
			}

		};
		BulkWrites.commit(curator, batches);
	}

	@Override
	public SubjectResult run(RunPlan plan) throws Exception {
		return this.claim ? measureClaims() : measureSubmits();
	}

	private SubjectResult measureSubmits() throws Exception {
		TaskClient client = this.client;
		if (client == null) {
			throw new IllegalStateException("setup() did not run: no task client");
		}
		Histogram latencies = new Histogram(3);
		long windowStart = 0;
		for (int i = 0; i < WARMUP + MEASURED; i++) {
			if (i == WARMUP) {
				windowStart = System.nanoTime();
			}
			long start = System.nanoTime();
			client.submit(TaskApps.NOOP, new TaskItem(i, start));
			if (i >= WARMUP) {
				latencies.recordValue(System.nanoTime() - start);
			}
		}
		return SubjectResult.measured(this, latencies, MEASURED, Duration.ofNanos(System.nanoTime() - windowStart),
				this.correctness, note());
	}

	private SubjectResult measureClaims() throws Exception {
		ZkInstances apps = requireInstances();
		ConcurrentHistogram latencies = new ConcurrentHistogram(3);
		AtomicInteger claims = new AtomicInteger();
		AtomicLong windowStart = new AtomicLong();
		AtomicLong windowEnd = new AtomicLong();
		CountDownLatch done = new CountDownLatch(1);
		TaskProbe.onClaim = (tasks, nanos) -> {
			int first = claims.getAndAdd(tasks);
			for (int i = 0; i < tasks; i++) {
				int index = first + i;
				if (index == WARMUP) {
					windowStart.set(System.nanoTime() - nanos);
				}
				if (index >= WARMUP && index < WARMUP + MEASURED) {
					latencies.recordValue(nanos);
				}
				if (index == WARMUP + MEASURED - 1) {
					windowEnd.set(System.nanoTime());
					done.countDown();
				}
			}
		};
		long started = System.nanoTime();
		ConfigurableApplicationContext worker = apps.start(TaskApps.worker(), this.properties);
		boolean finished = done.await(5, TimeUnit.MINUTES);
		TaskProbe.reset();
		worker.close();
		if (!finished) {
			throw new IllegalStateException("Only " + claims.get() + " claims within 5 minutes of starting the worker");
		}
		long measured = Math.min(MEASURED, latencies.getTotalCount());
		return SubjectResult.measured(this, latencies, measured,
				Duration.ofNanos(Math.max(1, windowEnd.get() - windowStart.get())), this.correctness,
				note() + String.format(", first claim %.1f s after the worker started",
						(windowStart.get() - started) / 1e9));
	}

	private String note() {
		return String.format("%,d pending (%d shards); used heap after GC %,d MiB before the backlog, %,d MiB with it "
				+ "(in-process ZooKeeper shares the JVM)", this.level, SHARDS, this.heapBefore >> 20, this.heapAfter >> 20);
	}

	private ZkInstances requireInstances() {
		ZkInstances apps = this.instances;
		if (apps == null) {
			throw new IllegalStateException("setup() did not run: no instances");
		}
		return apps;
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 2; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	@Override
	public void tearDown() throws Exception {
		TaskProbe.reset();
		if (this.instances != null) {
			this.instances.close();
		}
		if (this.cleaner != null) {
			BulkWrites.deleteTree(this.cleaner, this.root);
		}
	}

}
