package io.zkworkflow.autoconfigure.testcontainers;

import io.zkworkflow.autoconfigure.ZooKeeperConnectionDetails;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user writes to test against ZooKeeper in Docker. Needs a Docker engine: runs in the
 * {@code docker} Maven profile only.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "spring.cloud.zookeeper.discovery.enabled=false")
class ZooKeeperServiceConnectionDockerTests {

	@Container
	@ServiceConnection
	static final GenericContainer<?> zookeeper = new GenericContainer<>("zookeeper:3.9").withExposedPorts(2181);

	@Autowired
	CuratorFramework curator;

	@Autowired
	ZooKeeperConnectionDetails connectionDetails;

	@Test
	void connectsToTheContainer() throws Exception {
		assertThat(this.connectionDetails.getConnectString()).endsWith(":" + zookeeper.getMappedPort(2181));
		this.curator.create().forPath("/from-container-test");
		assertThat(this.curator.checkExists().forPath("/from-container-test")).isNotNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
