package io.zkworkflow.benchmarks.capability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.ProcessCpu;
import io.zkworkflow.benchmarks.Worker;
import io.zkworkflow.benchmarks.observation.ObservationSetup;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskCompletedEvent;
import io.zkworkflow.test.ZkInstances;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What observations cost a task: {@value #THREADS} threads each submit a no-op task and wait
 * until its completion is committed, with a producer and a worker instance (own sessions) whose
 * {@code ObservationRegistry} is one of the {@link ObservationSetup}s. The three subjects run
 * against the same ZooKeeper in one run, so their ratios to the no-op registry are the overhead
 * of the submit, claim and attempt observations (and, with tracing, of the trace headers stored
 * in every task record).
 */
public final class TaskObservationSubject extends ClosedLoopSubject {

	static final int THREADS = 4;

	private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(30);

	private final ObservationSetup setup;

	private final Map<Long, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private @Nullable ZkInstances instances;

	private @Nullable TaskClient client;

	private @Nullable CuratorFramework cleaner;

	private String root = "";

	private long spansAtStart;

	/** Operations since setup, warm-up included, for the CPU per operation. */
	private final LongAdder operations = new LongAdder();

	private @Nullable ProcessCpu cpu;

	public TaskObservationSubject(ObservationSetup setup) {
		this.setup = setup;
	}

	@Override
	public String name() {
		return "zkworkflow.tasks-observations-" + this.setup.suffix();
	}

	@Override
	public String measurement() {
		return "TaskClient.submit -> committed completion, observations " + this.setup.suffix();
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.TASK_OBSERVATIONS;
	}

	@Override
	protected int threads() {
		return THREADS;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		ZkInstances started = AppInstances.on(context.connectString());
		this.instances = started;
		this.root = context.path("zk-workflow");
		String rootPath = "zk-workflow.root-path=" + this.root;
		ConfigurableApplicationContext worker = started
			.start(new Class<?>[] { TaskApps.Infrastructure.class, TaskApps.NoOpWorker.class,
					this.setup.configuration() }, rootPath);
		worker.addApplicationListener(ApplicationListener.forPayload((Object event) -> {
			if (event instanceof TaskCompletedEvent completed) {
				CompletableFuture<Long> done = this.waiting.remove(completed.output().get("id").asLong());
				if (done != null) {
					done.complete(System.nanoTime());
				}
			}
		}));
		this.client = started
			.start(new Class<?>[] { TaskApps.Infrastructure.class, this.setup.configuration() }, rootPath)
			.getBean(TaskClient.class);
		this.cleaner = context.newClient();
		this.spansAtStart = ObservationSetup.SPANS.sum();
		this.cpu = ProcessCpu.start();
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		TaskClient tasks = this.client;
		if (tasks == null) {
			throw new IllegalStateException("setup() did not run: no task client");
		}
		long id = this.ids.getAndIncrement();
		CompletableFuture<Long> done = new CompletableFuture<>();
		this.waiting.put(id, done);
		tasks.submit(TaskApps.NOOP, new TaskItem(id, System.nanoTime()));
		worker.markEnd(done.get(COMPLETION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
		this.operations.increment();
	}

	@Override
	protected String note() {
		String note = THREADS + " threads, 1 producer + 1 worker instance (" + TaskApps.WORKER_CONCURRENCY
				+ " handler threads), " + this.setup.description();
		if (this.setup == ObservationSetup.TRACING) {
			note += ", " + (ObservationSetup.SPANS.sum() - this.spansAtStart) + " spans ended";
		}
		if (this.cpu != null) {
			// warm-up and window together: on a shared machine CPU per operation holds better than ops/s
			note += ", " + this.cpu.perItem(this.operations.sum()).replace("per item", "per operation")
					+ " over warm-up and window";
		}
		return note;
	}

	@Override
	public void tearDown() throws Exception {
		if (this.instances != null) {
			this.instances.close();
		}
		if (this.cleaner != null) {
			BulkWrites.deleteTree(this.cleaner, this.root);
		}
	}

}
