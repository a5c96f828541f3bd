package io.zkworkflow.autoconfigure.testcontainers;

import io.zkworkflow.autoconfigure.ZooKeeperConnectionDetails;
import org.testcontainers.containers.Container;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Lets a test declare {@code @Container @ServiceConnection GenericContainer<?> zk = new
 * GenericContainer<>("zookeeper:3.9")} and have the application connect to it.
 */
class ZooKeeperContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, ZooKeeperConnectionDetails> {

	/** ZooKeeper's client port inside the container. */
	static final int CLIENT_PORT = 2181;

	ZooKeeperContainerConnectionDetailsFactory() {
		super("zookeeper", "io.zkworkflow.autoconfigure.ZkWorkflowClientAutoConfiguration");
	}

	@Override
	protected ZooKeeperConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
		return new ContainerZooKeeperConnectionDetails(source);
	}

	private static final class ContainerZooKeeperConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements ZooKeeperConnectionDetails {

		ContainerZooKeeperConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public String getConnectString() {
			return getContainer().getHost() + ":" + getContainer().getMappedPort(CLIENT_PORT);
		}

	}

}
