package io.zkworkflow.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.sample.SampleApplication;
import io.zkworkflow.reliability.HistoryEvent.Type;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Main class of a worker JVM: the sample application (arguments are its Spring properties), plus
 * the harness's parts ({@link ScenarioBeans}: task handlers, a workflow, a locked job and
 * listeners that record the product's events; {@link CompletionScheduleBeans}: a workflow with
 * a completion listener and a scheduled task), every connection state change recorded as a {@code SESSION} event, an
 * ephemeral znode {@code {root}/reliability/workers/{id}} that shows the session is alive (kept
 * by Curator's {@link PersistentNode}, so a new session recreates it), and the workload named by
 * {@code reliability.workload} on its own thread. Prints {@code READY port=<web port>} once up,
 * then {@code WORKLOAD DONE} or {@code WORKLOAD FAILED}.
 */
public final class WorkerMain {

	/** The workloads a worker can run, by name; add a scenario's workload here. */
	static final Map<String, Workload> WORKLOADS = Map.of("idle", (worker) -> {
	}, "items", new ItemWriter(), "task-producer", new TaskProducer(), "lock-contender", new LockContender(),
			"schedule-operator", new ScheduleOperator());

	private WorkerMain() {
	}

	public static void main(String[] args) throws Exception {
		String id = argument(args, "reliability.worker-id");
		// open before the application starts, so that events published while it starts are recorded
		HistoryRecorder history = new HistoryRecorder(Path.of(argument(args, "reliability.history")), id);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class,
				ScenarioBeans.class, WorkflowScenarioBeans.class, CompletionScheduleBeans.class)
			.initializers((ConfigurableApplicationContext starting) -> starting.getBeanFactory()
				.registerSingleton("reliabilityHistory", history))
			.run(args);
		Environment environment = context.getEnvironment();
		String workloadName = environment.getProperty("reliability.workload", "idle");
		Workload workload = WORKLOADS.get(workloadName);
		if (workload == null) {
			throw new IllegalArgumentException(
					"Unknown reliability.workload '" + workloadName + "'; known: " + WORKLOADS.keySet());
		}
		CuratorFramework curator = context.getBean(CuratorFramework.class);
		ZkRoot root = context.getBean(ZkRoot.class);
		curator.getConnectionStateListenable()
			.addListener((client, state) -> history.record(Type.SESSION, id, null, describe(client, state)));
		history.record(Type.SESSION, id, null, describe(curator, null));
		PersistentNode alive = new PersistentNode(curator, CreateMode.EPHEMERAL, false,
				root.resolve("reliability", "workers", id), id.getBytes(StandardCharsets.UTF_8));
		alive.start();
		WorkerContext worker = new WorkerContext(id, context, curator, root, history);
		Thread thread = new Thread(() -> {
			try {
				workload.run(worker);
				System.out.println("WORKLOAD DONE");
			}
			catch (Throwable ex) {
				ex.printStackTrace();
				System.out.println("WORKLOAD FAILED " + ex);
			}
		}, "workload-" + workloadName);
		thread.start();
		System.out.println("READY port=" + environment.getProperty("local.server.port", "0"));
	}

	private static String argument(String[] args, String name) {
		String prefix = "--" + name + "=";
		for (String arg : args) {
			if (arg.startsWith(prefix)) {
				return arg.substring(prefix.length());
			}
		}
		throw new IllegalArgumentException("Missing argument " + prefix + "...; Workers passes it to every worker");
	}

	private static String describe(CuratorFramework client, @Nullable ConnectionState state) {
		String session;
		try {
			session = "0x" + Long.toHexString(client.getZookeeperClient().getZooKeeper().getSessionId());
		}
		catch (Exception ex) {
			session = "none";
		}
		return ((state != null) ? state.name() : "STARTED") + " session=" + session;
	}

}
