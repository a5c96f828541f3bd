package io.zkworkflow.autoconfigure.task;

import java.time.Duration;
import java.util.Map;

import io.zkworkflow.autoconfigure.ZooKeeperContexts;
import io.zkworkflow.task.internal.TaskEngineSettings;
import io.zkworkflow.task.internal.TaskRateLimit;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@code zk-workflow.tasks.limits.<name>.concurrency} and {@code .rate}, and what the engine gets of it.
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
	void fleetRateIsBoundPerNameAndHandedToTheEngine() {
		this.runner
			.withPropertyValues("zk-workflow.tasks.limits.send-invoice.rate=100/1m",
					"zk-workflow.tasks.limits.send-invoice.concurrency=3", "zk-workflow.tasks.limits.report.rate=5/PT1S")
			.run((context) -> {
				TaskEngineSettings settings = TaskAutoConfiguration.settings(context.getBean(TaskProperties.class));
				assertThat(settings.fleetRates()).isEqualTo(Map.of("send-invoice",
						new TaskRateLimit(100, Duration.ofMinutes(1)), "report", new TaskRateLimit(5, Duration.ofSeconds(1))));
				assertThat(settings.fleetConcurrency()).isEqualTo(Map.of("send-invoice", 3));
			});
	}

	@Test
	void rateWithoutAPeriodFailsStartupNamingThePropertyAndTheForm() {
		this.runner.withPropertyValues("zk-workflow.tasks.limits.send-invoice.rate=100")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("zk-workflow.tasks.limits.<name>.rate")
				.hasMessageContaining("'100' has no '/'")
				.hasMessageContaining("for example '100/1m'"));
	}

	@Test
	void rateWithAPeriodBelowOneSecondFailsStartup() {
		this.runner.withPropertyValues("zk-workflow.tasks.limits.send-invoice.rate=10/10ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("zk-workflow.tasks.limits.<name>.rate")
				.hasMessageContaining("period PT0.01S is out of range"));
	}

	@Test
	void noLimitsByDefault() {
		this.runner.run((context) -> assertThat(
				TaskAutoConfiguration.settings(context.getBean(TaskProperties.class)).fleetConcurrency())
			.isEmpty());
		this.runner.run((context) -> assertThat(
				TaskAutoConfiguration.settings(context.getBean(TaskProperties.class)).fleetRates())
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
