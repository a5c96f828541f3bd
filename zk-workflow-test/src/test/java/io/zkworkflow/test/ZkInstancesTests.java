package io.zkworkflow.test;

import java.time.Duration;

import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Instances are separate contexts with separate sessions on one server, and can be expired and
 * stopped one by one.
 */
class ZkInstancesTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void eachInstanceHasItsOwnSessionOnTheSameServer() throws Exception {
		try (ZkInstances instances = ZkInstances.on(zookeeper).sources(Client.class)) {
			instances.start(Marker.class, "test.name=first");
			instances.start(Marker.class, "test.name=second");
			assertThat(instances.all()).hasSize(2);
			assertThat(instances.get(0).getBean(String.class)).isEqualTo("first");
			assertThat(instances.get(1).getBean(String.class)).isEqualTo("second");
			assertThat(sessionId(instances.get(0))).isNotEqualTo(sessionId(instances.get(1)));
			assertThat(instances.get(0).getEnvironment().getProperty("spring.cloud.zookeeper.connect-string"))
				.isEqualTo(zookeeper.connectString());
		}
	}

	@Test
	void sharedPropertiesGiveWayToAnInstancesOwn() {
		try (ZkInstances instances = ZkInstances.on(zookeeper).sources(Client.class).properties("test.name=shared")) {
			assertThat(instances.start(Marker.class).getBean(String.class)).isEqualTo("shared");
			assertThat(instances.start(Marker.class, "test.name=own").getBean(String.class)).isEqualTo("own");
		}
	}

	@Test
	void anExpiredSessionIsReplacedByANewOne() throws Exception {
		try (ZkInstances instances = ZkInstances.on(zookeeper).sources(Client.class)) {
			instances.start(Marker.class);
			long before = sessionId(instances.get(0));
			instances.expireSession(0);
			await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> {
				CuratorFramework curator = instances.get(0).getBean(CuratorFramework.class);
				curator.checkExists().forPath("/");
				return sessionId(instances.get(0)) != before;
			});
		}
	}

	@Test
	void stoppedInstancesKeepTheirIndexAndCloseClosesTheRest() {
		ZkInstances instances = ZkInstances.on(zookeeper).sources(Client.class);
		ConfigurableApplicationContext first = instances.start(Marker.class);
		ConfigurableApplicationContext second = instances.start(Marker.class);
		instances.stop(0);
		assertThat(first.isActive()).isFalse();
		assertThat(instances.get(0)).isSameAs(first);
		assertThat(instances.running()).containsExactly(second);
		instances.close();
		assertThat(second.isActive()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> instances.get(0)).withMessageContaining("No instance 0");
	}

	private static long sessionId(ConfigurableApplicationContext context) throws Exception {
		return context.getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper().getSessionId();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ZookeeperAutoConfiguration.class)
	static class Client {

	}

	@Configuration(proxyBeanMethods = false)
	static class Marker {

		@Bean
		String name(Environment environment) {
			return environment.getProperty("test.name", "unnamed");
		}

	}

}
