package io.zkworkflow.benchmarks.capability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.JitWarmUp;
import io.zkworkflow.benchmarks.ProcessCpu;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;
import io.zkworkflow.benchmarks.SubjectOptions;
import io.zkworkflow.benchmarks.baseline.QueueItem;
import io.zkworkflow.benchmarks.baseline.QueueLedger;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowCompletedEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Workflows with trivial steps, saturated, against the task engine's saturated rate in the same
 * run: {@code --queue-producers} threads start workflows with {@code WorkflowClient.start}
 * (which returns once the workflow and its first step's task are committed), keeping as many in
 * flight as give the task baseline's {@code --task-in-flight} pending tasks, on the task
 * subject's fleet (three worker instances). As many workflows are started as make
 * {@code --queue-items} step tasks, the baseline's load. Throughput is workflows divided by the
 * time from the first start to the last completion; latency is start to completion; the note
 * gives step commits per second and the ZooKeeper transactions per step committed in the window.
 */
public final class WorkflowSaturatedSubject implements BenchmarkSubject {

	private final String name;

	private final String definition;

	private final String firstStep;

	/** Step tasks one workflow runs. */
	private final int stepsPerWorkflow;

	/** Step tasks one workflow has pending or running at once. */
	private final int tasksInFlightPerWorkflow;

	/** What the second rate of the note counts, per workflow: step commits or elements. */
	private final int countedPerWorkflow;

	private final String counted;

	private final Correctness correctness = new Correctness();

	private final QueueLedger ledger = new QueueLedger();

	private final LongAdder failed = new LongAdder();

	private @Nullable WorkflowFleet fleet;

	private @Nullable ZxidProbe probe;

	private @Nullable Semaphore slots;

	private SubjectOptions options = new SubjectOptions(java.util.Map.of(), true);

	private int workflows;

	private int producers;

	private int inFlight;

	private WorkflowSaturatedSubject(String name, String definition, String firstStep, int stepsPerWorkflow,
			int tasksInFlightPerWorkflow, int countedPerWorkflow, String counted) {
		this.name = name;
		this.definition = definition;
		this.firstStep = firstStep;
		this.stepsPerWorkflow = stepsPerWorkflow;
		this.tasksInFlightPerWorkflow = tasksInFlightPerWorkflow;
		this.countedPerWorkflow = countedPerWorkflow;
		this.counted = counted;
	}

	/**
	 * Four trivial steps in a line: four task commits per workflow, one after the other.
	 * @return the subject
	 */
	public static WorkflowSaturatedSubject fourStep() {
		return new WorkflowSaturatedSubject("zkworkflow.workflows-four-step", WorkflowApps.FOUR_STEP,
				WorkflowApps.FIRST_STEP, 4, 1, 4, "step commits");
	}

	/**
	 * One step returning 100 elements, then {@code forEach} over them with a parallelism of 16:
	 * 101 task commits per workflow, 16 at a time.
	 * @return the subject
	 */
	public static WorkflowSaturatedSubject fanOut100() {
		return new WorkflowSaturatedSubject("zkworkflow.workflows-fan-out-100", WorkflowApps.FAN_OUT,
				WorkflowApps.LIST_STEP, WorkflowApps.FAN_OUT_ELEMENTS + 1, WorkflowApps.FAN_OUT_PARALLELISM,
				WorkflowApps.FAN_OUT_ELEMENTS, "elements");
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String measurement() {
		return "WorkflowClient.start -> every step claimed, run and committed -> completion, all workflows at once";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.WORKFLOWS;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.options = context.options();
		int items = context.options().positiveInt("queue-items", context.options().shortMode() ? 5_000 : 20_000);
		this.producers = context.options().positiveInt("queue-producers", 4);
		int taskInFlight = context.options().positiveInt("task-in-flight", 256);
		this.inFlight = Math.max(1, taskInFlight / this.tasksInFlightPerWorkflow);
		this.workflows = Math.max(this.producers, items / this.stepsPerWorkflow);
		this.correctness.counter("missing");
		this.correctness.counter("duplicates");
		this.correctness.counter("failed");
		WorkflowFleet started = new WorkflowFleet(context, this::completed, (failure) -> {
			this.failed.increment();
			release();
		}, "zk-workflow.tasks.max-pending=" + Math.max(100_000, items * 2));
		this.probe = new ZxidProbe(started.cleaner(), context.path("zxid-probe"));
		this.fleet = started;
	}

	private void completed(WorkflowCompletedEvent event) {
		JsonNode first = event.outputs().get(this.firstStep);
		JsonNode item = (first != null && first.isArray()) ? first.get(0) : first;
		if (item != null) {
			this.ledger.consumed(new QueueItem(item.get("id").asLong(), item.get("nanos").asLong()));
		}
		release();
	}

	private void release() {
		Semaphore free = this.slots;
		if (free != null) {
			free.release();
		}
	}

	@Override
	public SubjectResult run(RunPlan plan) throws Exception {
		WorkflowFleet running = this.fleet;
		ZxidProbe zxids = this.probe;
		if (running == null || zxids == null) {
			throw new IllegalStateException("setup() did not run: no workflow fleet");
		}
		Duration drainTimeout = Duration.ofSeconds(Math.max(60, this.workflows * this.stepsPerWorkflow / 50));
		JitWarmUp warmUp = new JitWarmUp(plan, this.options);
		long[] nextId = { 0 };
		warmUp.run(() -> {
			startAll(running.client(), nextId[0]);
			nextId[0] += this.workflows;
			this.ledger.awaitDrained(drainTimeout);
		});
		long start = System.nanoTime();
		this.ledger.measureWindow(start, Long.MAX_VALUE);
		zxids.start();
		ProcessCpu cpu = ProcessCpu.start();
		startAll(running.client(), nextId[0]);
		this.ledger.awaitDrained(drainTimeout);
		long end = Math.max(this.ledger.lastConsumedNanos(), start + 1);
		long transactions = zxids.transactionsSinceStart();
		long steps = (long) this.workflows * this.stepsPerWorkflow;
		double seconds = (end - start) / 1e9;
		this.correctness.counter("missing").add(this.ledger.missing());
		this.correctness.counter("duplicates").add(this.ledger.duplicates());
		this.correctness.counter("failed").add(this.failed.sum());
		String writes = (transactions < 0) ? "ZooKeeper transactions not counted (leader changed)"
				: String.format("%.1f ZooKeeper transactions per step (%,d in the window, %.0f per workflow)",
						(double) transactions / steps, transactions, (double) transactions / this.workflows);
		return SubjectResult.measured(this, this.ledger.latencies(), this.ledger.measuredItems(),
				Duration.ofNanos(end - start), this.correctness,
				String.format("%,d workflows x %d tasks, %,.0f %s/s; %s; %d producer threads, up to %d workflows in "
						+ "flight, %d worker instances (own sessions); %s, %s", this.workflows, this.stepsPerWorkflow,
						(double) this.workflows * this.countedPerWorkflow / seconds, this.counted, writes, this.producers, this.inFlight, TaskFleet.WORKERS, cpu.perItem(steps),
						warmUp.describe()));
	}

	/**
	 * Start workflows {@code firstId ..} from {@code --queue-producers} threads, at most
	 * {@code inFlight} unfinished at once; returns once all are started (not finished).
	 */
	private void startAll(WorkflowClient client, long firstId) throws Exception {
		Semaphore free = new Semaphore(this.inFlight);
		this.slots = free;
		ExecutorService pool = Executors.newFixedThreadPool(this.producers);
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		try {
			List<Future<?>> starts = new ArrayList<>();
			for (int p = 0; p < this.producers; p++) {
				int producer = p;
				starts.add(pool.submit(() -> {
					for (long i = producer; i < this.workflows && failure.get() == null; i += this.producers) {
						long id = firstId + i;
						free.acquire();
						this.ledger.produced(id);
						try {
							client.start(this.definition, new TaskItem(id, System.nanoTime()));
						}
						catch (RuntimeException ex) {
							failure.compareAndSet(null, ex);
						}
					}
					return null;
				}));
			}
			for (Future<?> started : starts) {
				started.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		Throwable failed = failure.get();
		if (failed != null) {
			throw new IllegalStateException("A workflow start failed: " + failed, failed);
		}
	}

	@Override
	public void tearDown() throws Exception {
		if (this.fleet != null) {
			this.fleet.close();
		}
	}

}
