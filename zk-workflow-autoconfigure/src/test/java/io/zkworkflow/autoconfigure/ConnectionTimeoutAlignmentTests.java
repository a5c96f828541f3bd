package io.zkworkflow.autoconfigure;

import io.zkworkflow.internal.ConnectionTimeoutAlignment;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session timeout shorter than spring-cloud-zookeeper's default connection timeout no longer
 * makes Curator warn at startup: the connection timeout follows it unless the application set it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionTimeoutAlignmentTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ZookeeperAutoConfiguration.class, ZkWorkflowClientAutoConfiguration.class))
		.withPropertyValues("spring.cloud.zookeeper.connect-string=" + zookeeper.connectString());

	@Test
	void aShortSessionTimeoutBringsTheConnectionTimeoutDownWithIt(CapturedOutput output) {
		this.runner.withPropertyValues("spring.cloud.zookeeper.session-timeout=4s").run((context) -> {
			assertThat(connectionTimeoutMs(context.getBean(CuratorFramework.class))).isEqualTo(4000);
			assertThat(output).doesNotContain("is less than connection timeout");
		});
	}

	@Test
	void aConnectionTimeoutTheApplicationSetIsKept() {
		this.runner
			.withPropertyValues("spring.cloud.zookeeper.session-timeout=4s",
					"spring.cloud.zookeeper.connection-timeout=6s")
			.run((context) -> assertThat(connectionTimeoutMs(context.getBean(CuratorFramework.class))).isEqualTo(6000));
	}

	@Test
	void theDefaultsAreLeftAlone() {
		this.runner.run((context) -> assertThat(connectionTimeoutMs(context.getBean(CuratorFramework.class)))
			.isEqualTo(15000));
	}

	@Test
	void backsOffToTheApplicationsOwnAlignment() {
		ConnectionTimeoutAlignment own = new ConnectionTimeoutAlignment(
				true);
		this.runner.withBean(ConnectionTimeoutAlignment.class, () -> own)
			.withPropertyValues("spring.cloud.zookeeper.session-timeout=4s")
			.run((context) -> assertThat(context.getBean(ConnectionTimeoutAlignment.class))
				.isSameAs(own));
	}

	private static int connectionTimeoutMs(CuratorFramework curator) {
		return curator.getZookeeperClient().getConnectionTimeoutMs();
	}

}
