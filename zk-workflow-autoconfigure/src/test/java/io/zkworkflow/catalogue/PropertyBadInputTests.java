package io.zkworkflow.catalogue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Catalogue, properties: each row starts an instance with one bad {@code zk-workflow.*}
 * property (a row may add a second one it depends on, after '|'). Startup fails with a message naming the property and a valid value, and the
 * instance already running against the same ZooKeeper keeps its data and its work.
 */
class PropertyBadInputTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ConfigurableApplicationContext running;

	@BeforeAll
	static void startAGoodInstance() throws Exception {
		running = CatalogueApp.start(zookeeper, CatalogueApp.class);
		zookeeper.newClient().create().creatingParentsIfNeeded().forPath("/zk-workflow-sentinel", "kept".getBytes());
	}

	@AfterAll
	static void stop() {
		running.close();
	}

	static Stream<Arguments> badProperties() {
		return Stream.of(
				arguments("zk-workflow.root-path=zk-workflow", new String[] { "zk-workflow.root-path", "Must be absolute",
						"'/zk-workflow'" }),
				arguments("zk-workflow.root-path=/zk-workflow/",
						new String[] { "zk-workflow.root-path", "Must not end with '/'; use '/zk-workflow'" }),
				arguments("zk-workflow.root-path=/zk/../etc",
						new String[] { "zk-workflow.root-path", "Not a valid znode path" }),
				arguments("zk-workflow.root-path=/",
						new String[] { "zk-workflow.root-path", "Must not be the ZooKeeper root '/'" }),
				arguments("zk-workflow.security.digest=nocolon",
						new String[] { "zk-workflow.security.digest", "'user:password'" }),
				arguments("zk-workflow.security.digest=:secret",
						new String[] { "zk-workflow.security.digest", "non-empty user and password" }),
				arguments("zk-workflow.security.root-readers=anyone|zk-workflow.security.digest=app:pw",
						new String[] { "zk-workflow.security.root-readers", "'scheme:id'" }),
				arguments("zk-workflow.tasks.max-payload=2MB",
						new String[] { "zk-workflow.tasks.max-payload", "ZooKeeper refuses requests above 1 MB" }),
				arguments("zk-workflow.tasks.shards=0", new String[] { "zk-workflow.tasks.shards", "between 1 and 1024" }),
				arguments("zk-workflow.tasks.shards=abc", new String[] { "zk-workflow.tasks.shards", "abc" }),
				arguments("zk-workflow.tasks.max-pending=-5", new String[] { "zk-workflow.tasks.max-pending", "at least 1" }),
				arguments("zk-workflow.tasks.coordinator-interval=0s",
						new String[] { "zk-workflow.tasks.coordinator-interval", "Must be positive" }),
				arguments("zk-workflow.tasks.shutdown-timeout=-1s",
						new String[] { "zk-workflow.tasks.shutdown-timeout", "Must not be negative", "10s" }),
				arguments("zk-workflow.tasks.shutdown-timeout=soon",
						new String[] { "zk-workflow.tasks.shutdown-timeout", "soon" }),
				arguments("zk-workflow.tasks.retention=-10m",
						new String[] { "zk-workflow.tasks.retention", "Must not be negative" }),
				arguments("zk-workflow.tasks.member-refresh=0ms",
						new String[] { "zk-workflow.tasks.member-refresh", "Must be positive" }),
				arguments("zk-workflow.tasks.limits.parked.rate=100",
						new String[] { "zk-workflow.tasks.limits.<name>.rate", "has no '/'", "'100/1m'" }),
				arguments("zk-workflow.tasks.limits.parked.rate=0/1m",
						new String[] { "zk-workflow.tasks.limits.<name>.rate", "permits 0 is out of range" }),
				arguments("zk-workflow.tasks.limits.parked.rate=5/soon",
						new String[] { "zk-workflow.tasks.limits.<name>.rate", "does not end with a duration" }),
				arguments("zk-workflow.lock.wait-time=-1s", new String[] { "zk-workflow.lock.wait-time", "Must not be negative" }),
				arguments("zk-workflow.lock.operation-timeout=0s",
						new String[] { "zk-workflow.lock.operation-timeout", "Must be positive", "5s" }),
				arguments("zk-workflow.lock.max-hold-time=0s",
						new String[] { "zk-workflow.lock.max-hold-time", "Must be positive" }),
				arguments("zk-workflow.workflows.max-output=2MB",
						new String[] { "zk-workflow.workflows.max-output", "between 1B and 256KB" }),
				arguments("zk-workflow.workflows.sweep-interval=0s",
						new String[] { "zk-workflow.workflows.sweep-interval", "Must be positive" }),
				arguments("zk-workflow.schedules.misfire=SOMETIMES", new String[] { "zk-workflow.schedules.misfire", "SOMETIMES" }),
				arguments("zk-workflow.schedules.misfire-threshold=-5s",
						new String[] { "zk-workflow.schedules.misfire-threshold", "Must not be negative" }),
				arguments("zk-workflow.config.root=config",
						new String[] { "zk-workflow.config.root", "absolute znode path", "'/config'" }),
				arguments("zk-workflow.config.listener-timeout=0s",
						new String[] { "zk-workflow.config.listener-timeout", "Must be positive" }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badProperties")
	void badPropertyFailsStartupNamingItAndTheRunningInstanceLosesNothing(String property, String[] expected)
			throws Exception {
		TaskClient tasks = running.getBean(TaskClient.class);
		TaskId parked = tasks.submit("parked", "before " + property);

		CatalogueApp.runner(zookeeper).withUserConfiguration(CatalogueApp.class).withPropertyValues(property.split("\\|")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(CatalogueApp.messages(context.getStartupFailure())).contains(expected);
		});

		assertThat(tasks.status(parked).state()).isEqualTo(TaskState.PENDING);
		assertThat(new String(zookeeper.newClient().getData().forPath("/zk-workflow-sentinel"), StandardCharsets.UTF_8))
			.isEqualTo("kept");
		CatalogueApp.assertWorking(running);
	}

}
