package io.zkworkflow.embedded;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded server starts before the client, serves it, and stops with the context.
 */
class EmbeddedZooKeeperTests {

	@Test
	void startsBeforeTheClientAndStopsWithTheContext() throws Exception {
		EmbeddedZooKeeper server;
		try (ConfigurableApplicationContext context = app().run("--zk-workflow.embedded.enabled=true")) {
			server = context.getBean(EmbeddedZooKeeper.class);
			assertThat(context.getEnvironment().getProperty("spring.cloud.zookeeper.connect-string"))
				.isEqualTo(server.connectString());
			CuratorFramework curator = context.getBean(CuratorFramework.class);
			assertThat(curator.getZookeeperClient().isConnected()).isTrue();
			assertThat(curator.getZookeeperClient().getCurrentConnectionString()).isEqualTo(server.connectString());
			assertThat(server.isTemporary()).isTrue();
			assertThat(server.dataDir()).exists();
		}
		assertThatExceptionOfType(java.io.IOException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000);
			}
		});
		assertThat(server.dataDir()).doesNotExist();
	}

	@Test
	void dataSurvivesARestartWhenDataDirIsSet(@TempDir Path dir) throws Exception {
		String dataDir = "--zk-workflow.embedded.data-dir=" + dir;
		try (ConfigurableApplicationContext context = app().run("--zk-workflow.embedded.enabled=true", dataDir)) {
			context.getBean(CuratorFramework.class)
				.create()
				.forPath("/kept", "still here".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(Files.list(dir)).isNotEmpty();
		try (ConfigurableApplicationContext context = app().run("--zk-workflow.embedded.enabled=true", dataDir)) {
			byte[] data = context.getBean(CuratorFramework.class).getData().forPath("/kept");
			assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("still here");
		}
	}

	@Test
	void notStartedUnlessEnabled() {
		try (ConfigurableApplicationContext context = app().run("--spring.cloud.zookeeper.enabled=false")) {
			assertThat(context.getBeanProvider(EmbeddedZooKeeper.class).getIfAvailable()).isNull();
			assertThat(context.getEnvironment().getPropertySources()
				.contains(EmbeddedZooKeeperEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
		}
	}

	@Test
	void aBusyPortFailsWithAMessageNamingTheProperty() throws Exception {
		try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> app().run("--zk-workflow.embedded.enabled=true",
						"--zk-workflow.embedded.port=" + busy.getLocalPort()))
				.withMessageContaining("zk-workflow.embedded.port");
		}
	}

	@Test
	void anOutOfRangePortFailsStartupNamingThePropertyEvenWithTheServerOff() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> app().run("--spring.cloud.zookeeper.enabled=false", "--zk-workflow.embedded.port=70000"))
			.satisfies((ex) -> assertThat(messages(ex)).contains("zk-workflow.embedded.port")
				.contains("between 0 (any free port) and 65535"));
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static SpringApplicationBuilder app() {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.cloud.zookeeper.discovery.enabled=false");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
