package io.zkworkflow.autoconfigure.config;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.autoconfigure.ZooKeeperContexts;
import io.zkworkflow.autoconfigure.ZooKeeperContexts.UserBean;
import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.config.internal.ConfigApplier;
import io.zkworkflow.config.internal.ConfigApplierFactory;
import io.zkworkflow.config.internal.ConfigBeanPostProcessor;
import io.zkworkflow.config.internal.ConfigBinder;
import io.zkworkflow.config.internal.ConfigLoader;
import io.zkworkflow.config.internal.ConfigMetrics;
import io.zkworkflow.config.internal.ConfigOptions;
import io.zkworkflow.config.internal.ConfigPaths;
import io.zkworkflow.config.internal.ConfigStatusSection;
import io.zkworkflow.config.internal.ConfigTransactions;
import io.zkworkflow.config.internal.DefaultZkConfigTemplate;
import io.zkworkflow.config.internal.ZkConfigPropertySource;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link ConfigAutoConfiguration}.
 */
class ConfigAutoConfigurationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = ZooKeeperContexts.runner(zookeeper, ConfigAutoConfiguration.class);

	@Test
	void defaultsLoadTheConfigurationAndOfferTheTemplate() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ConfigApplier.class)
			.hasSingleBean(ConfigLoader.class)
			.hasSingleBean(ZkConfigTemplate.class)
			.hasSingleBean(ConfigStatusSection.class)
			.hasSingleBean(ConfigMetrics.class));
	}

	@Test
	void backsOffWhenLiveConfigurationIsDisabled() {
		this.runner.withPropertyValues("zk-workflow.config.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
				.doesNotHaveBean(ConfigApplier.class)
				.doesNotHaveBean(ConfigBeanPostProcessor.class)
				.doesNotHaveBean(ZkConfigTemplate.class));
	}

	@Test
	void backsOffWhenZkWorkflowIsDisabled() {
		this.runner.withPropertyValues("zk-workflow.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ConfigApplier.class)
				.doesNotHaveBean(ZkConfigTemplate.class));
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(ConfigApplier.class)
				.doesNotHaveBean(ConfigMetrics.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("usersOwnBeans")
	void backsOffToTheApplicationsOwnBean(UserBean bean) {
		bean.assertUsedBy(this.runner);
	}

	static Stream<UserBean> usersOwnBeans() {
		return Stream.of(UserBean.built(ConfigBeanPostProcessor.class),
				UserBean.supplied(ConfigPaths.class,
						() -> new ConfigPaths("/config", "application", "conditions", ",", List.of())),
				UserBean.built(ZkConfigPropertySource.class),
				UserBean.configured(ConfigApplier.class, UsersApplierConfiguration.class),
				UserBean.built(ConfigBinder.class), UserBean.built(ConfigLoader.class),
				UserBean.configured(ZkConfigTemplate.class, UsersTemplateConfiguration.class),
				UserBean.built(ConfigStatusSection.class),
				UserBean.supplied(ConfigMetrics.class, () -> ConfigMetrics.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	static class UsersApplierConfiguration {

		@Bean
		ConfigApplier usersConfigApplier(ObjectProvider<CuratorFramework> curator, ConfigPaths paths,
				ConfigurableApplicationContext context, ZkConfigPropertySource propertySource) {
			ConfigOptions options = new ConfigOptions(Duration.ofSeconds(10), Duration.ofSeconds(5), true, null,
					List.of());
			return ConfigApplierFactory.create(curator::getObject, paths, options, context, propertySource,
					JsonMapper.builder().build(), ConfigMetrics.NONE, List::of);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersTemplateConfiguration {

		@Bean
		ZkConfigTemplate usersZkConfigTemplate(CuratorFramework curator, ConfigPaths paths, ConfigApplier applier) {
			return new DefaultZkConfigTemplate(new ConfigTransactions(curator, paths, JsonMapper.builder().build()),
					paths, paths.applicationContext(), applier.settings().converter(), applier);
		}

	}

}
