package io.zkworkflow.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.zkworkflow.actuate.internal.ZkWorkflowHealthIndicator;
import io.zkworkflow.internal.ZooKeeperUnreachableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Startup when nothing listens at the connect string.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailFastTests {

	@Test
	void failFastStopsStartupWithTheThreeWaysOut(CapturedOutput output) throws Exception {
		String connectString = "127.0.0.1:" + unusedPort();
		Throwable failure = catchThrowable(() -> app().run("--spring.cloud.zookeeper.connect-string=" + connectString,
				"--spring.cloud.zookeeper.block-until-connected-wait=1", "--zk-workflow.fail-fast=true"));
		assertThat(failure).rootCause()
			.isInstanceOfSatisfying(ZooKeeperUnreachableException.class,
					(ex) -> assertThat(ex.getConnectString()).isEqualTo(connectString));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("zk-workflow could not reach ZooKeeper at '" + connectString + "'")
			.contains("Start ZooKeeper at " + connectString)
			.contains("spring.cloud.zookeeper.connect-string")
			.contains("zk-workflow.embedded.enabled=true");
		FailureAnalysis analysis = new ZooKeeperUnreachableFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getAction()).contains("set spring.cloud.zookeeper.connect-string to your ensemble")
			.contains("zk-workflow-embedded module and set zk-workflow.embedded.enabled=true");
	}

	@Test
	void anUnsetConnectStringDoesNotFailStartupByItself() throws Exception {
		// spring-cloud-zookeeper's default (localhost:2181) applies; without fail-fast the
		// application starts whether or not something listens there
		try (ConfigurableApplicationContext context = app().run("--spring.cloud.zookeeper.block-until-connected-wait=1")) {
			assertThat(context.getEnvironment().getProperty("spring.cloud.zookeeper.connect-string")).isNull();
			assertThat(context.getBean(ZkWorkflowHealthIndicator.class)).isNotNull();
		}
	}

	@Test
	void withoutFailFastTheApplicationStartsAndReportsDown() throws Exception {
		try (ConfigurableApplicationContext context = app().run(
				"--spring.cloud.zookeeper.connect-string=127.0.0.1:" + unusedPort(),
				"--spring.cloud.zookeeper.block-until-connected-wait=1")) {
			assertThat(context.getBean(ZkWorkflowHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
		}
	}

	private static SpringApplicationBuilder app() {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.cloud.zookeeper.discovery.enabled=false");
	}

	private static int unusedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
