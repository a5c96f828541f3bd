package io.zkworkflow.autoconfigure.testcontainers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs everywhere: the factory is registered where Spring Boot's service-connection support
 * looks for it. The container itself is exercised by the docker-tagged test.
 */
class ZooKeeperContainerConnectionDetailsFactoryTests {

	@Test
	@SuppressWarnings("rawtypes")
	void factoryIsRegistered() {
		var factories = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(ConnectionDetailsFactory.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
				// other modules' factories need classes this test does not have
			}));
		assertThat(factories).anyMatch(ZooKeeperContainerConnectionDetailsFactory.class::isInstance);
	}

}
