package io.zkworkflow.starter;

import java.util.List;

import io.zkworkflow.lock.DistributedLocked;
import io.zkworkflow.lock.LockContext;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with the starter alone, and none of what the starter leaves out, starts,
 * registers in discovery and takes a lock.
 */
class StarterApplicationTests {

	private static TestingServer zookeeper;

	@BeforeAll
	static void startZooKeeper() throws Exception {
		zookeeper = new TestingServer();
	}

	@AfterAll
	static void stopZooKeeper() throws Exception {
		zookeeper.close();
	}

	@Test
	void leftOutLibrariesAreAbsent() {
		ClassLoader loader = getClass().getClassLoader();
		assertThat(List.of("com.google.common.collect.ImmutableList", "org.bouncycastle.crypto.Digest",
				"io.netty.internal.tcnative.SSL", "org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer",
				"reactor.core.publisher.Mono"))
			.noneMatch((className) -> ClassUtils.isPresent(className, loader));
	}

	@Test
	void startsRegistersInDiscoveryAndTakesALock() {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		try (ConfigurableApplicationContext context = application.run("--server.port=0",
				"--spring.application.name=minimal",
				"--spring.cloud.zookeeper.connect-string=" + zookeeper.getConnectString())) {
			DiscoveryClient discovery = context.getBean(DiscoveryClient.class);
			await().untilAsserted(() -> assertThat(discovery.getInstances("minimal")).hasSize(1));
			Guarded guarded = context.getBean(Guarded.class);
			assertThat(guarded.run()).as("fencing token of the lock the call ran under").isPositive();
			CuratorFramework curator = context.getBean(CuratorFramework.class);
			assertThat(context.getBeanNamesForType(CuratorFramework.class)).hasSize(1);
			assertThat(curator.getZookeeperClient().isConnected()).isTrue();
		}
	}

	@SpringBootApplication
	static class MinimalApplication {

		@Bean
		Guarded guarded() {
			return new Guarded();
		}

	}

	public static class Guarded {

		@DistributedLocked(name = "minimal-job")
		public long run() {
			return LockContext.current().fencingToken();
		}

	}

}
