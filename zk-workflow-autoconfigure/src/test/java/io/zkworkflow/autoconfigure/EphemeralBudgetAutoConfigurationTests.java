package io.zkworkflow.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkworkflow.actuate.internal.EphemeralBudgetStatusSection;
import io.zkworkflow.actuate.internal.ZkWorkflowHealthIndicator;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowHealthContributorAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.EphemeralUsage;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockHandle;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@code zk-workflow.ephemeral-budget.*} and what shows the budget's use.
 */
class EphemeralBudgetAutoConfigurationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
				LockAutoConfiguration.class, ZkWorkflowHealthContributorAutoConfiguration.class,
				ZkWorkflowEndpointAutoConfiguration.class))
		.withPropertyValues(zookeeper.connectStringProperty(), "management.endpoints.web.exposure.include=zkworkflow")
		.withBean(SimpleMeterRegistry.class);

	@Test
	void defaultBudgetIsHalfOfJuteMaxbufferWithoutACountLimit() {
		this.runner.run((context) -> {
			EphemeralUsage usage = context.getBean(EphemeralBudget.class).usage();
			assertThat(usage.maxBytes()).isEqualTo(0xfffff / 2);
			assertThat(usage.maxCount()).isEqualTo(Long.MAX_VALUE);
		});
	}

	@Test
	void propertiesSetTheBudget() {
		this.runner
			.withPropertyValues("zk-workflow.ephemeral-budget.max-bytes=20KB",
					"zk-workflow.ephemeral-budget.max-count=150")
			.run((context) -> {
				EphemeralUsage usage = context.getBean(EphemeralBudget.class).usage();
				assertThat(usage.maxBytes()).isEqualTo(20 * 1024);
				assertThat(usage.maxCount()).isEqualTo(150);
			});
	}

	@Test
	void aBudgetOfNoBytesFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("zk-workflow.ephemeral-budget.max-bytes=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("zk-workflow.ephemeral-budget.max-bytes");
		});
	}

	@Test
	void gaugesShowTheUseAndTheBudgetOfAHeldLock() {
		this.runner.withPropertyValues("zk-workflow.ephemeral-budget.max-count=10").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			DistributedLockTemplate locks = context.getBean(DistributedLockTemplate.class);
			double idle = meters.get("zk.workflow.ephemeral.bytes").gauge().value();
			try (LockHandle lock = locks.acquire(LockRequest.exclusive("gauged"))) {
				assertThat(meters.get("zk.workflow.ephemeral.count").gauge().value()).isEqualTo(1);
				assertThat(meters.get("zk.workflow.ephemeral.bytes").gauge().value()).isGreaterThan(idle + 40);
			}
			assertThat(meters.get("zk.workflow.ephemeral.count").gauge().value()).isZero();
			assertThat(meters.get("zk.workflow.ephemeral.count.max").gauge().value()).isEqualTo(10);
			assertThat(meters.get("zk.workflow.ephemeral.bytes.max").gauge().value()).isEqualTo(0xfffff / 2);
		});
	}

	@Test
	void endpointSectionAndHealthDetailsShowTheUseWhileHealthStaysUp() {
		this.runner.withPropertyValues("zk-workflow.ephemeral-budget.max-count=1").run((context) -> {
			DistributedLockTemplate locks = context.getBean(DistributedLockTemplate.class);
			try (LockHandle lock = locks.acquire(LockRequest.exclusive("full"))) {
				assertThat(context.getBean(EphemeralBudgetStatusSection.class).snapshot()).asString()
					.contains("count=1", "maxCount=1", "usedPercent=100.0");
				Health health = context.getBean(ZkWorkflowHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsKey("ephemerals");
			}
		});
	}

}
