package io.zkworkflow.benchmarks.capability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.baseline.QueueItem;
import io.zkworkflow.benchmarks.baseline.QueueLedger;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskCompletedEvent;
import io.zkworkflow.test.ZkInstances;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three worker instances serving the no-op task (with a chosen number of handler threads) and
 * a producer instance, each a Spring
 * context with its own session, all under a zk-workflow root private to the subject. Every
 * committed completion ({@link TaskCompletedEvent}, published once per commit by the instance
 * that committed) is booked in the commit ledger.
 */
final class TaskFleet implements AutoCloseable {

	static final int WORKERS = 3;

	private final ZkInstances instances;

	private final String root;

	private final TaskClient client;

	private final CuratorFramework cleaner;

	private final LongAdder handlerRuns = new LongAdder();

	TaskFleet(BenchmarkContext context, QueueLedger commits, String... properties) throws InterruptedException {
		this(context, commits, TaskApps.WORKER_CONCURRENCY, properties);
	}

	TaskFleet(BenchmarkContext context, QueueLedger commits, int workerThreads, String... properties)
			throws InterruptedException {
		Class<?>[] workerApp = TaskApps.worker(workerThreads);
		this.instances = AppInstances.on(context.connectString());
		this.root = context.path("zk-workflow");
		List<String> all = new ArrayList<>(List.of("zk-workflow.root-path=" + this.root));
		all.addAll(List.of(properties));
		String[] props = all.toArray(String[]::new);
		for (int i = 0; i < WORKERS; i++) {
			ConfigurableApplicationContext worker = this.instances.start(workerApp, props);
			worker.addApplicationListener(ApplicationListener.forPayload((Object event) -> {
				if (event instanceof TaskCompletedEvent completed) {
					commits.consumed(new QueueItem(completed.output().get("id").asLong(),
							completed.output().get("nanos").asLong()));
				}
			}));
		}
		ConfigurableApplicationContext producer = this.instances.start(TaskApps.producer(), props);
		this.client = producer.getBean(TaskClient.class);
		this.cleaner = context.newClient();
	}

	TaskClient client() {
		return this.client;
	}

	LongAdder handlerRuns() {
		return this.handlerRuns;
	}

	@Override
	public void close() throws Exception {
		this.instances.close();
		BulkWrites.deleteTree(this.cleaner, this.root);
	}

}
