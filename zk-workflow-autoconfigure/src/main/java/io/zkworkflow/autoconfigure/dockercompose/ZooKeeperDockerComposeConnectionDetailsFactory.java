package io.zkworkflow.autoconfigure.dockercompose;

import io.zkworkflow.autoconfigure.ZooKeeperConnectionDetails;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * Connects the application to the {@code zookeeper} services (the official image) that
 * Spring Boot's Docker Compose support starts. Several services form one ensemble: Boot
 * creates one details bean per service and the client joins them into one connect string.
 */
class ZooKeeperDockerComposeConnectionDetailsFactory
		extends DockerComposeConnectionDetailsFactory<ZooKeeperConnectionDetails> {

	/** ZooKeeper's client port inside the container. */
	static final int CLIENT_PORT = 2181;

	ZooKeeperDockerComposeConnectionDetailsFactory() {
		super("zookeeper", "io.zkworkflow.autoconfigure.ZkWorkflowClientAutoConfiguration");
	}

	@Override
	protected ZooKeeperConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new DockerComposeZooKeeperConnectionDetails(source.getRunningService());
	}

	static final class DockerComposeZooKeeperConnectionDetails extends DockerComposeConnectionDetails
			implements ZooKeeperConnectionDetails {

		private final String connectString;

		DockerComposeZooKeeperConnectionDetails(RunningService service) {
			super(service);
			this.connectString = service.host() + ":" + service.ports().get(CLIENT_PORT);
		}

		@Override
		public String getConnectString() {
			return this.connectString;
		}

	}

}
