package io.zkworkflow.task.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.WorkingClient;
import io.zkworkflow.task.CoordinatorDuty;
import io.zkworkflow.task.TaskAdmission;
import io.zkworkflow.task.TaskCompletionContributor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs this instance's part of the task engine: a consumer per {@code @WorkflowTask} name,
 * the member node, and a seat in the coordinator election. On a graceful stop (Boot's
 * lifecycle, in {@link #PHASE}) it stops claiming, lets running tasks finish and commit for up
 * to the shutdown timeout, then hands the rest back to the queue at once instead of waiting
 * for the session to expire.
 */
public final class TaskEngine implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(TaskEngine.class);

	/**
	 * The lifecycle phase the engine starts and stops in: that of Boot's graceful shutdown of
	 * the web server, so that requests and running tasks drain together, in one
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	/** Safety-net listing of the ready queues; watch events keep them current in between. */
	private static final long RESCAN_EVERY_MILLIS = 30_000;

	private final CuratorFramework curator;

	private final TaskRuntime runtime;

	private final TaskHandlerRegistry registry;

	private final MemberDirectory members;

	private final List<CoordinatorDuty> duties;

	private final List<TaskConsumer> consumers = new ArrayList<>();

	private final ConnectionStateListener reconnectListener = this::connectionChanged;

	private final ConnectionStateListener deferredStart = this::startOnceConnected;

	private boolean startDeferred;

	private @Nullable TaskCoordinator coordinator;

	private @Nullable ThreadPoolTaskScheduler coordinatorThread;

	private final ScheduledThreadPoolExecutor timer;

	private volatile boolean running;

	private final EngineStops stops = new EngineStops();

	private long lastRescan;

	public TaskEngine(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskEngineSettings settings,
			TaskMetrics metrics, TaskTracing tracing, ApplicationEventPublisher events,
			List<TaskCompletionContributor> contributors, List<CoordinatorDuty> duties, TaskHandlerRegistry registry,
			MemberDirectory members, EphemeralBudget budget, List<TaskAdmission> admissions) {
		this.curator = curator;
		this.registry = registry;
		this.members = members;
		this.duties = duties;
		// one dedicated daemon thread of its own: attempt timeouts must fire however busy the
		// handler threads and the application's own schedulers are
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "zk-task-timer");
			thread.setDaemon(true);
			return thread;
		});
		this.timer = timer;
		this.runtime = new TaskRuntime(curator, paths, codec, settings, metrics, tracing, events, List.copyOf(contributors),
				members.instanceId(), timer, budget, List.copyOf(admissions));
	}

	@Override
	public synchronized void start() {
		// a restart after a stop (Spring's test context cache does that) waits for the stop's end
		this.stops.await();
		if (this.running || !WorkingClient.isWorking(this.curator)) {
			// no working client: the root initializer has said so, and no task runs here
			return;
		}
		if (!this.curator.getZookeeperClient().isConnected()) {
			// ZooKeeper unreachable at startup without fail-fast: the application starts and its
			// health says so; the engine starts on the first connection
			deferStart();
			return;
		}
		try {
			for (TaskDefinition definition : this.registry.all()) {
				String name = definition.name();
				ShardOwnership ownership = new ShardOwnership(this.members.instanceId(),
						() -> this.members.servingByName().getOrDefault(name, Map.of()).keySet());
				this.consumers.add(new TaskConsumer(definition, this.runtime, ownership));
			}
			List<TaskConsumer> nameConsumers = List.copyOf(this.consumers);
			this.members.start(memberRecord(), () -> nameConsumers.forEach(TaskConsumer::membersChanged));
			for (TaskConsumer consumer : this.consumers) {
				consumer.start();
			}
			TaskCoordinator taskCoordinator = new TaskCoordinator(this.runtime, this.duties);
			taskCoordinator.start();
			this.coordinator = taskCoordinator;
			// An instance that serves tasks must stay up even without a web server, as a worker-only
			// application: this thread is then not a daemon, and stop() (on context close, from
			// Boot's shutdown hook) ends it. An instance that only submits exits as before.
			boolean serving = !this.consumers.isEmpty();
			ThreadPoolTaskScheduler thread = this.runtime.settings().threads().coordinator().get();
			thread.setPoolSize(1);
			thread.setThreadNamePrefix(TaskThreads.COORDINATOR_PREFIX);
			thread.setDaemon(!serving);
			thread.initialize();
			Duration interval = this.runtime.settings().coordinatorInterval();
			thread.scheduleWithFixedDelay(taskCoordinator::round, Instant.now().plus(interval), interval);
			Duration refresh = this.runtime.settings().memberRefresh();
			if (refresh.toMillis() < 50) {
				refresh = Duration.ofMillis(50);
			}
			thread.scheduleWithFixedDelay(this::maintain, Instant.now().plus(refresh), refresh);
			this.coordinatorThread = thread;
			this.curator.getConnectionStateListenable().addListener(this.reconnectListener);
			this.running = true;
		}
		catch (Exception ex) {
			// a half-started engine would leave its member node recreating itself on a client
			// that the failed context is about to close
			release(new ConsumerDrain(this.consumers, this.curator, Duration.ZERO));
			throw new IllegalStateException("Could not start the task engine: " + ex, ex);
		}
	}

	private void deferStart() {
		if (!this.startDeferred) {
			this.startDeferred = true;
			this.curator.getConnectionStateListenable().addListener(this.deferredStart);
		}
		if (this.curator.getZookeeperClient().isConnected()) {
			// connected between the check and the listener: nothing will tell it
			startOnceConnected(this.curator, ConnectionState.CONNECTED);
		}
	}

	private synchronized void startOnceConnected(CuratorFramework client, ConnectionState state) {
		if (!state.isConnected() || !this.startDeferred) {
			return;
		}
		cancelDeferredStart();
		try {
			start();
		}
		catch (RuntimeException ex) {
			logger.warn("The task engine did not start after ZooKeeper became reachable: " + ex);
		}
	}

	private void cancelDeferredStart() {
		if (this.startDeferred) {
			this.startDeferred = false;
			WorkingClient.removeListener(this.curator, this.deferredStart);
		}
	}

	/**
	 * Stop claiming at once, then, off the caller's thread, let running attempts finish for up
	 * to the shutdown timeout, hand the rest back and release the engine's nodes and threads.
	 * Boot's lifecycle processor waits for the callback up to
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
	 * @param callback run once the engine has stopped
	 */
	@Override
	public synchronized void stop(Runnable callback) {
		cancelDeferredStart();
		if (!this.running) {
			callback.run();
			return;
		}
		this.running = false;
		WorkingClient.removeListener(this.curator, this.reconnectListener);
		Duration timeout = this.runtime.settings().shutdownTimeout();
		this.stops.begin(new ConsumerDrain(this.consumers, this.curator, timeout), this::release, callback);
	}

	@Override
	public void stop() {
		stop(() -> {
		});
		this.stops.await();
	}

	/** End what {@link #start()} began, whether it completed or failed part way. */
	private void release(ConsumerDrain drain) {
		drain.drain();
		if (this.coordinatorThread != null) {
			this.coordinatorThread.shutdown();
			this.coordinatorThread = null;
		}
		if (this.coordinator != null) {
			this.coordinator.close();
			this.coordinator = null;
		}
		this.members.close();
		// the timer outlives a stop (Spring's test context cache stops contexts and starts them
		// again): its pending timeouts belong to the attempts just handed back
		this.timer.getQueue().clear();
		this.consumers.forEach((consumer) -> consumer.joinThreads(Duration.ofSeconds(2)));
		this.consumers.clear();
	}

	/**
	 * Stop, and when Boot's lifecycle processor gave up waiting for a stop (its phase timed out),
	 * hand back what still runs now, before the client closes.
	 */
	@Override
	public void destroy() {
		this.stops.hurry();
		stop();
		this.timer.shutdownNow();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether this instance is the fleet's coordinator right now.
	 * @return whether it leads
	 */
	public boolean isCoordinator() {
		TaskCoordinator taskCoordinator = this.coordinator;
		return taskCoordinator != null && taskCoordinator.isLeader();
	}

	private void maintain() {
		try {
			this.members.update(memberRecord());
			long now = System.currentTimeMillis();
			if (now - this.lastRescan >= RESCAN_EVERY_MILLIS) {
				this.lastRescan = now;
				this.consumers.forEach(TaskConsumer::rescan);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Task engine maintenance failed: " + ex);
		}
	}

	private void connectionChanged(CuratorFramework client, ConnectionState state) {
		if (state == ConnectionState.RECONNECTED) {
			this.consumers.forEach(TaskConsumer::rescan);
		}
	}

	private MemberRecord memberRecord() {
		Map<String, MemberRecord.Capacity> tasks = new LinkedHashMap<>();
		if (this.consumers.isEmpty()) {
			this.registry.all()
				.forEach((definition) -> tasks.put(definition.name(),
						new MemberRecord.Capacity(definition.concurrency(), definition.concurrency())));
		}
		for (TaskConsumer consumer : this.consumers) {
			tasks.put(consumer.name(), new MemberRecord.Capacity(consumer.concurrency(), Math.max(0, consumer.free())));
		}
		return new MemberRecord(this.members.instanceId(), tasks);
	}

}
