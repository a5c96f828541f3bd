package io.zkworkflow.autoconfigure.testcontainers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.config.ZkConfigValue;
import io.zkworkflow.internal.ZooKeeperServerTooOldException;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockRequest;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The ZooKeeper server versions the README names, each in its official image: 3.6 and later
 * take a lock and serve live configuration; 3.5 fails startup naming its version. Needs a
 * Docker engine: runs in the {@code docker} Maven profile only.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class ZooKeeperServerVersionsDockerTests {

	@ParameterizedTest(name = "zookeeper:{0}")
	@ValueSource(strings = { "3.6.4", "3.7.2", "3.8.4", "3.9.5" })
	void supportedServersTakeALockAndServeLiveConfiguration(String version) throws Exception {
		try (GenericContainer<?> zookeeper = start(version)) {
			String connectString = connectString(zookeeper);
			try (CuratorFramework admin = CuratorFrameworkFactory.newClient(connectString, new RetryOneTime(100))) {
				admin.start();
				assertThat(admin.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
				write(admin, "hello");
				try (ConfigurableApplicationContext context = app(connectString).run()) {
					Greeting greeting = context.getBean(Greeting.class);
					assertThat(greeting.text).isEqualTo("hello");
					write(admin, "hello again");
					await().atMost(Duration.ofSeconds(30)).until(() -> "hello again".equals(greeting.text));
					DistributedLockTemplate locks = context.getBean(DistributedLockTemplate.class);
					String result = locks.execute(LockRequest.exclusive("compatibility"), () -> {
						assertThat(locks.heldLocks()).hasSize(1);
						return "locked";
					});
					assertThat(result).isEqualTo("locked");
				}
			}
		}
	}

	@Test
	void zooKeeper35FailsStartupNamingItsVersion() {
		try (GenericContainer<?> zookeeper = start("3.5.10")) {
			Throwable failure = catchThrowable(() -> app(connectString(zookeeper)).run().close());
			assertThat(failure).rootCause()
				.isInstanceOfSatisfying(ZooKeeperServerTooOldException.class,
						(ex) -> assertThat(ex.getServerVersion()).isEqualTo("3.5.10"));
			assertThat(failure).rootCause().hasMessageContaining("needs ZooKeeper 3.6.0 or later");
		}
	}

	@SuppressWarnings("resource")
	private static GenericContainer<?> start(String version) {
		GenericContainer<?> zookeeper = new GenericContainer<>("zookeeper:" + version).withExposedPorts(2181);
		zookeeper.start();
		return zookeeper;
	}

	private static String connectString(GenericContainer<?> zookeeper) {
		return zookeeper.getHost() + ":" + zookeeper.getMappedPort(2181);
	}

	private static void write(CuratorFramework admin, String value) throws Exception {
		admin.create()
			.orSetData()
			.creatingParentsIfNeeded()
			.forPath("/config/compatibility/greeting", value.getBytes(StandardCharsets.UTF_8));
	}

	private static SpringApplicationBuilder app(String connectString) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.cloud.zookeeper.connect-string=" + connectString,
					"spring.cloud.zookeeper.discovery.enabled=false", "spring.application.name=compatibility");
	}

	static class Greeting {

		@ZkConfigValue(key = "greeting", defaultValue = "none")
		volatile String text;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Greeting greeting() {
			return new Greeting();
		}

	}

}
