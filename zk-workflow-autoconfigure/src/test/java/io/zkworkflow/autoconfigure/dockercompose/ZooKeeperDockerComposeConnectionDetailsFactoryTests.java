package io.zkworkflow.autoconfigure.dockercompose;

import java.util.List;
import java.util.Map;

import io.zkworkflow.autoconfigure.ZkWorkflowClientAutoConfiguration;
import io.zkworkflow.autoconfigure.ZooKeeperConnectionDetails;
import io.zkworkflow.autoconfigure.dockercompose.ZooKeeperDockerComposeConnectionDetailsFactory.DockerComposeZooKeeperConnectionDetails;
import org.apache.curator.ensemble.EnsembleProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs everywhere: how a running {@code zookeeper} service maps to connection details, and how
 * the services of an ensemble join into one connect string. Docker itself is exercised by
 * {@link ZooKeeperDockerComposeDockerTests}.
 */
class ZooKeeperDockerComposeConnectionDetailsFactoryTests {

	@Test
	@SuppressWarnings("rawtypes")
	void factoryIsRegistered() {
		var factories = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(ConnectionDetailsFactory.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
				// other modules' factories need classes this test does not have
			}));
		assertThat(factories).anyMatch(ZooKeeperDockerComposeConnectionDetailsFactory.class::isInstance);
	}

	@Test
	void connectStringIsTheHostAndThePublishedClientPort() {
		var details = new DockerComposeZooKeeperConnectionDetails(service("zk1", "docker.example", 32781));
		assertThat(details.getConnectString()).isEqualTo("docker.example:32781");
	}

	@Test
	void servicesOfAnEnsembleJoinIntoOneConnectString() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ZkWorkflowClientAutoConfiguration.class, ZookeeperAutoConfiguration.class))
			.withPropertyValues("spring.cloud.zookeeper.discovery.enabled=false")
			.withBean("zk1", ZooKeeperConnectionDetails.class,
					() -> new DockerComposeZooKeeperConnectionDetails(service("zk1", "127.0.0.1", 32781)))
			.withBean("zk2", ZooKeeperConnectionDetails.class,
					() -> new DockerComposeZooKeeperConnectionDetails(service("zk2", "127.0.0.1", 32782)))
			.withBean("zk3", ZooKeeperConnectionDetails.class,
					() -> new DockerComposeZooKeeperConnectionDetails(service("zk3", "127.0.0.1", 32783)))
			.run((context) -> assertThat(context.getBean(EnsembleProvider.class).getConnectionString())
				.isEqualTo("127.0.0.1:32781,127.0.0.1:32782,127.0.0.1:32783"));
	}

	/** What Docker Compose reports for a service: plain data, no container behind it. */
	private static RunningService service(String name, String host, int publishedPort) {
		ConnectionPorts ports = new ConnectionPorts() {

			@Override
			public int get(int containerPort) {
				if (containerPort != ZooKeeperDockerComposeConnectionDetailsFactory.CLIENT_PORT) {
					throw new IllegalStateException("No host port for container port " + containerPort);
				}
				return publishedPort;
			}

			@Override
			public List<Integer> getAll() {
				return List.of(publishedPort);
			}

			@Override
			public List<Integer> getAll(String protocol) {
				return getAll();
			}

		};
		return new RunningService() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public ImageReference image() {
				return ImageReference.of("zookeeper:3.9");
			}

			@Override
			public String host() {
				return host;
			}

			@Override
			public ConnectionPorts ports() {
				return ports;
			}

			@Override
			public Map<String, String> env() {
				return Map.of();
			}

			@Override
			public Map<String, String> labels() {
				return Map.of();
			}

		};
	}

}
