package io.zkworkflow.benchmarks.capability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowCompletedEvent;
import io.zkworkflow.workflow.WorkflowFailedEvent;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three worker instances running the benchmark workflows' steps and a producer instance that
 * starts them, each a Spring context with its own session, under a zk-workflow root private to
 * the subject, like {@link TaskFleet}. The ends of workflows (published once per commit by the
 * instance that committed the last step) go to the given listeners.
 */
final class WorkflowFleet implements AutoCloseable {

	private final ZkInstances instances;

	private final String root;

	private final WorkflowClient client;

	private final CuratorFramework cleaner;

	WorkflowFleet(BenchmarkContext context, Consumer<WorkflowCompletedEvent> completed,
			Consumer<WorkflowFailedEvent> failed, String... properties) throws InterruptedException {
		this.instances = AppInstances.on(context.connectString());
		this.root = context.path("zk-workflow");
		List<String> all = new ArrayList<>(List.of("zk-workflow.root-path=" + this.root));
		all.addAll(List.of(properties));
		String[] props = all.toArray(String[]::new);
		for (int i = 0; i < TaskFleet.WORKERS; i++) {
			ConfigurableApplicationContext worker = this.instances.start(WorkflowApps.worker(), props);
			worker.addApplicationListener(ApplicationListener.forPayload((Object event) -> {
				if (event instanceof WorkflowCompletedEvent done) {
					completed.accept(done);
				}
				else if (event instanceof WorkflowFailedEvent failure) {
					failed.accept(failure);
				}
			}));
		}
		List<String> producerProps = new ArrayList<>(all);
		// its steps run on the workers
		producerProps.add("zk-workflow.workflows.validate-handlers=false");
		ConfigurableApplicationContext producer = this.instances.start(WorkflowApps.producer(),
				producerProps.toArray(String[]::new));
		this.client = producer.getBean(WorkflowClient.class);
		this.cleaner = context.newClient();
	}

	WorkflowClient client() {
		return this.client;
	}

	/** A client of its own, for probes and clean-up. */
	CuratorFramework cleaner() {
		return this.cleaner;
	}

	@Override
	public void close() throws Exception {
		this.instances.close();
		BulkWrites.deleteTree(this.cleaner, this.root);
	}

}
