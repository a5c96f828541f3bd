package io.zkworkflow.autoconfigure.dockercompose;

import io.zkworkflow.autoconfigure.ZooKeeperConnectionDetails;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user gets from a {@code compose.yaml} with a {@code zookeeper} service: Spring Boot
 * starts it and the client connects. Needs a Docker engine with Compose: runs in the
 * {@code docker} Maven profile only.
 */
@Tag("docker")
@SpringBootTest(properties = { "spring.cloud.zookeeper.discovery.enabled=false",
		"spring.docker.compose.enabled=true", "spring.docker.compose.skip.in-tests=false",
		"spring.docker.compose.file=classpath:io/zkworkflow/autoconfigure/dockercompose/zookeeper-compose.yaml",
		"spring.docker.compose.lifecycle-management=start-and-stop" })
class ZooKeeperDockerComposeDockerTests {

	@Autowired
	CuratorFramework curator;

	@Autowired
	ZooKeeperConnectionDetails connectionDetails;

	@Test
	void connectsToTheComposeService() throws Exception {
		assertThat(this.connectionDetails.getClass().getSimpleName()).contains("DockerCompose");
		this.curator.create().forPath("/from-compose-test");
		assertThat(this.curator.checkExists().forPath("/from-compose-test")).isNotNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
