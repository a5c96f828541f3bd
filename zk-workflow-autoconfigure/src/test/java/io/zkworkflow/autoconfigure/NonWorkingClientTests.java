package io.zkworkflow.autoconfigure;

import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * An application whose own {@link CuratorFramework} bean is no working client starts as it
 * would without zk-workflow, which does no ZooKeeper work with it and says so once.
 */
@ExtendWith(OutputCaptureExtension.class)
class NonWorkingClientTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final String NOTICE = "The CuratorFramework bean is not a working ZooKeeper client";

	// Spring Cloud Zookeeper's own ZookeeperDiscoveryDisabledTests, as it is written there: the
	// application's client is a Mockito stand-in whose methods answer null, and discovery is off.
	// The stand-in is that suite's input; zk-workflow itself runs on a real server here.
	@Test
	void aStandInClientWithDiscoveryOffStartsTheContext(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run(StandInClientApp.class)) {
			assertThat(context.isRunning()).isTrue();
		}
		assertThat(output).containsOnlyOnce(NOTICE)
			// every gauge is registered once, by zk-workflow, not again by Boot's binder support
			.doesNotContain("has been already registered");
		assertThat(nothingWritten()).isTrue();
	}

	@Test
	void aClosedClientStartsTheContext(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run(ClosedClientApp.class)) {
			assertThat(context.isRunning()).isTrue();
		}
		assertThat(output).containsOnlyOnce(NOTICE).contains("zk-workflow.enabled=false");
		assertThat(nothingWritten()).isTrue();
	}

	private static ConfigurableApplicationContext run(Class<?> app) {
		SpringApplication application = new SpringApplication(app);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run("--spring.cloud.zookeeper.connect-string=" + zookeeper.connectString(),
				"--spring.cloud.zookeeper.discovery.enabled=false");
	}

	private static boolean nothingWritten() throws Exception {
		try (CuratorFramework client = zookeeper.newClient()) {
			return client.checkExists().forPath("/zk-workflow") == null;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StandInClientApp {

		@Bean
		CuratorFramework curator() {
			return mock(CuratorFramework.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ClosedClientApp {

		@Bean
		CuratorFramework curator() {
			CuratorFramework client = CuratorFrameworkFactory.newClient(zookeeper.connectString(), new RetryOneTime(100));
			client.start();
			client.close();
			return client;
		}

	}

}
