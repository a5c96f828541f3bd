package io.zkworkflow.config;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.zkworkflow.config.ConfigTestApps.PricingApp;
import io.zkworkflow.config.ConfigTestApps.PricingService;
import io.zkworkflow.config.internal.ConfigPaths;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.retry.RetryOneTime;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryAutoConfiguration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperAutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperServiceRegistryAutoConfiguration;
import org.springframework.cloud.zookeeper.support.CuratorServiceDiscoveryAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static io.zkworkflow.config.ConfigTestApps.delete;
import static io.zkworkflow.config.ConfigTestApps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Applications that spring-cloud-zookeeper accepts start unchanged with live configuration.
 * The cases come from spring-cloud-zookeeper's own test suite (Apache-2.0), reproduced here in
 * our own terms rather than by copying its code.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigWithSpringCloudZookeeperTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private CuratorFramework client;

	@BeforeEach
	void setUp() throws Exception {
		this.client = zookeeper.newClient();
		delete(this.client, "/config");
	}

	// As spring-cloud-zookeeper's ZookeeperDiscoveryDisabledTests: the application brings its own
	// CuratorFramework bean, which nobody starts, and turns discovery off.
	@Test
	void anApplicationsOwnClientIsNotUsedWhileBeansAreCreatedAndConfigurationAppliesAfterRefresh()
			throws Exception {
		write(this.client, "/config/shop/pricing.discount-rate", "0.25");
		ConfigTestApps.runner(zookeeper.connectString())
			.withConfiguration(AutoConfigurations.of(ZookeeperDiscoveryAutoConfiguration.class,
					ZookeeperServiceRegistryAutoConfiguration.class,
					ZookeeperAutoServiceRegistrationAutoConfiguration.class,
					CuratorServiceDiscoveryAutoConfiguration.class))
			.withPropertyValues("spring.cloud.zookeeper.discovery.enabled=false")
			.withUserConfiguration(OwnClientApp.class, PricingApp.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ClientStateAtCreation.class).state.get())
					.isEqualTo(CuratorFrameworkState.LATENT);
				PricingService pricing = context.getBean(PricingService.class);
				assertThat(pricing.discountRate).isEqualTo(0.25);
				write(this.client, "/config/shop/pricing.discount-rate", "0.35");
				await().untilAsserted(() -> assertThat(pricing.discountRate).isEqualTo(0.35));
			});
	}

	// As an earlier form of spring-cloud-zookeeper's ZookeeperDiscoveryDisabledTests: the
	// application's own CuratorFramework bean is null. As with any null bean that an auto-configuration needs,
	// startup fails with Spring Boot's analysis naming the null bean method; turning zk-workflow
	// off lets the application start as it does without the starter.
	@Test
	void anApplicationWhoseClientBeanIsNullIsToldWhichBeanAndStartsWithZkWorkflowOff(CapturedOutput output) {
		ApplicationContextRunner runner = ConfigTestApps.runner(zookeeper.connectString())
			.withConfiguration(AutoConfigurations.of(ZookeeperDiscoveryAutoConfiguration.class,
					ZookeeperServiceRegistryAutoConfiguration.class,
					ZookeeperAutoServiceRegistrationAutoConfiguration.class,
					CuratorServiceDiscoveryAutoConfiguration.class))
			.withPropertyValues("spring.cloud.zookeeper.discovery.enabled=false")
			.withUserConfiguration(NullClientApp.class);
		SpringApplication application = new SpringApplication(NullClientBootApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.cloud.zookeeper.connect-string="
				+ zookeeper.connectString(), "--spring.cloud.zookeeper.discovery.enabled=false"));
		assertThat(output).contains("CuratorFramework")
			.contains("User-defined bean method 'curator'")
			.contains("ignored as the bean value is null");
		runner.withPropertyValues("zk-workflow.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ZkConfigTemplate.class);
		});
	}

	// As spring-cloud-zookeeper's DefaultDependencyWatcherSpringTests: an application name that is
	// a path; its configuration context is then the nested path, as in spring-cloud-zookeeper config.
	@Test
	void anApplicationNameThatIsAPathReadsTheNestedContext() throws Exception {
		write(this.client, "/config/some/name/without/alias/pricing.discount-rate", "0.15");
		ConfigTestApps.runner(zookeeper.connectString())
			.withPropertyValues("spring.application.name=some/name/without/alias")
			.withUserConfiguration(PricingApp.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PricingService pricing = context.getBean(PricingService.class);
				assertThat(pricing.discountRate).isEqualTo(0.15);
				assertThat(context.getBean(ZkConfigTemplate.class).contextPath())
					.isEqualTo("/config/some/name/without/alias");
				write(this.client, "/config/some/name/without/alias/pricing/discount-rate", "0.45");
				await().untilAsserted(() -> assertThat(pricing.discountRate).isEqualTo(0.45));
			});
	}

	// The whole of DefaultDependencyWatcherSpringTests' set-up: a path as the service name and
	// dependencies, with discovery on (registration needs a web server, absent here).
	@Test
	void aServiceNameThatIsAPathStartsWithDiscoveryOn() {
		SpringApplication application = new SpringApplication(DiscoveryBootApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(
				"--spring.cloud.zookeeper.connect-string=" + zookeeper.connectString(),
				"--spring.application.name=some/name/without/alias",
				"--spring.cloud.zookeeper.dependencies.someAlias.path=testInstance",
				"--spring.cloud.zookeeper.dependencies.someAlias.required=false",
				"--spring.cloud.service-registry.auto-registration.enabled=false")) {
			assertThat(context.isRunning()).isTrue();
			assertThat(context.getBean(ZkConfigTemplate.class).contextPath()).isEqualTo("/config/some/name/without/alias");
		}
	}

	@Test
	void aNestedNameGivesTheContextsSpringCloudZookeeperReads() {
		assertThat(new ConfigPaths("/config", "application", "some/name", ",", List.of("prod")).contexts())
			.containsExactly("/config/application", "/config/application,prod", "/config/some/name",
					"/config/some/name,prod");
		assertThat(new ConfigPaths("/config", "application", "/shop", ",", List.of()).applicationContext())
			.isEqualTo("/config/shop");
	}

	@Test
	void anApplicationNameThatIsNoZnodePathFailsStartupNamingIt() {
		ConfigTestApps.runner(zookeeper.connectString())
			.withPropertyValues("spring.application.name=some//name")
			.withUserConfiguration(PricingApp.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("spring.application.name")
					.hasMessageContaining("'some//name'")
					.hasMessageContaining("relative znode path");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientApp {

		@Bean
		CuratorFramework curator() {
			return CuratorFrameworkFactory.newClient(zookeeper.connectString(), new RetryOneTime(100));
		}

		@Bean
		ClientStateAtCreation clientStateAtCreation(CuratorFramework curator) {
			return new ClientStateAtCreation(curator.getState());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DiscoveryBootApp {

	}

	@Configuration(proxyBeanMethods = false)
	static class NullClientApp {

		@Bean
		@Nullable CuratorFramework curator() {
			return null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(NullClientApp.class)
	static class NullClientBootApp {

	}

	static class ClientStateAtCreation {

		final AtomicReference<CuratorFrameworkState> state = new AtomicReference<>();

		ClientStateAtCreation(CuratorFrameworkState state) {
			this.state.set(state);
		}

	}

}
