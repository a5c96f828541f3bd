package io.zkworkflow.autoconfigure.task;

import java.util.Map;

import io.zkworkflow.autoconfigure.ZooKeeperContexts;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@code zk-workflow.tasks.limits.<name>.concurrency} and what the engine gets of it.
 */
class TaskLimitsPropertiesTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = ZooKeeperContexts.runner(zookeeper, TaskAutoConfiguration.class)
		.withPropertyValues("zk-workflow.tasks.shutdown-timeout=2s");

	@Test
	void fleetConcurrencyIsBoundPerNameAndHandedToTheEngine() {
		this.runner
			.withPropertyValues("zk-workflow.tasks.limits.send-invoice.concurrency=3",
					"zk-workflow.tasks.limits[report.build].concurrency=1")
			.run((context) -> {
				TaskProperties properties = context.getBean(TaskProperties.class);
				assertThat(properties.getLimits()).containsOnlyKeys("send-invoice", "report.build");
				assertThat(TaskAutoConfiguration.settings(properties).fleetConcurrency())
					.isEqualTo(Map.of("send-invoice", 3, "report.build", 1));
			});
	}

	@Test
	void noLimitsByDefault() {
		this.runner.run((context) -> assertThat(
				TaskAutoConfiguration.settings(context.getBean(TaskProperties.class)).fleetConcurrency())
			.isEmpty());
	}

	@Test
	void concurrencyBelowOneFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("zk-workflow.tasks.limits.send-invoice.concurrency=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("zk-workflow.tasks.limits.<name>.concurrency")
				.hasMessageContaining("Must be between 1 and 10000"));
	}

}
