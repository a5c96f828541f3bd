package io.zkworkflow.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.zkworkflow.actuate.internal.ZkWorkflowHealthIndicator;
import io.zkworkflow.internal.PreWatchZooKeeperServer;
import io.zkworkflow.internal.ZooKeeperServerTooOldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Startup against a server without persistent watches (older than 3.6), here a real
 * in-process server that refuses {@code addWatch} as those servers do.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerTooOldTests {

	@Test
	void startupFailsNamingTheVersionTheMinimumAndTheFix(CapturedOutput output) throws Exception {
		try (PreWatchZooKeeperServer server = PreWatchZooKeeperServer.start(0)) {
			Throwable failure = catchThrowable(
					() -> app().run("--spring.cloud.zookeeper.connect-string=" + server.connectString()));
			assertThat(failure).rootCause().isInstanceOf(ZooKeeperServerTooOldException.class);
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("The ZooKeeper server at '" + server.connectString() + "' runs ZooKeeper ")
				.contains("zk-workflow needs ZooKeeper 3.6.0 or later")
				.contains("Upgrade the ZooKeeper servers to 3.6 or later");
		}
	}

	@Test
	void aServerReachedAfterStartupIsReportedDownInHealth() throws Exception {
		int port = unusedPort();
		try (ConfigurableApplicationContext context = app().run(
				"--spring.cloud.zookeeper.connect-string=127.0.0.1:" + port,
				"--spring.cloud.zookeeper.block-until-connected-wait=1");
				PreWatchZooKeeperServer server = PreWatchZooKeeperServer.start(port)) {
			ZkWorkflowHealthIndicator health = context.getBean(ZkWorkflowHealthIndicator.class);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Health result = health.health();
				assertThat(result.getStatus()).isEqualTo(Status.DOWN);
				assertThat(result.getDetails().get("incompatibleServer")).asString()
					.contains("zk-workflow needs ZooKeeper 3.6.0 or later");
			});
		}
	}

	@Test
	void failureAnalysisNamesTheVersionAndSaysToUpgrade() {
		FailureAnalysis analysis = new ZooKeeperServerTooOldFailureAnalyzer()
			.analyze(new IllegalStateException(new ZooKeeperServerTooOldException("zk1:2181,zk2:2181", "3.5.10")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'zk1:2181,zk2:2181' runs ZooKeeper 3.5.10")
			.contains("needs ZooKeeper 3.6.0 or later");
		assertThat(analysis.getAction()).contains("Upgrade the ZooKeeper servers to 3.6 or later");
	}

	@Test
	void failureAnalysisSaysWhenTheVersionIsUnknown() {
		FailureAnalysis analysis = new ZooKeeperServerTooOldFailureAnalyzer()
			.analyze(new ZooKeeperServerTooOldException("zk1:2181", null));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("runs an unknown version")
			.contains("needs ZooKeeper 3.6.0 or later");
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
