package io.zkworkflow.autoconfigure.config;

import java.util.Arrays;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.config.ConfigPaths;
import io.zkworkflow.config.ZkConfigProperties;
import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.config.ZkConfigValidator;
import io.zkworkflow.config.internal.ConfigApplier;
import io.zkworkflow.config.internal.ConfigApplierFactory;
import io.zkworkflow.config.internal.ConfigBeanPostProcessor;
import io.zkworkflow.config.internal.ConfigMetrics;
import io.zkworkflow.config.internal.ConfigStatusSection;
import io.zkworkflow.config.internal.ConfigTransactions;
import io.zkworkflow.config.internal.MicrometerConfigMetrics;
import io.zkworkflow.config.internal.ZkConfigPropertySource;
import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.CuratorFramework;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Live configuration from ZooKeeper: the {@code zk-workflow-config} PropertySource (loaded
 * before the application's singletons), {@code @ZkConfigValue}/{@code ZkValue} injection,
 * {@code @ZkConfigListener}s and the {@link ZkConfigTemplate} write API.
 */
@AutoConfiguration(after = ZkWorkflowAutoConfiguration.class)
@ConditionalOnBean(ZkRoot.class)
@ConditionalOnBooleanProperty(name = "zk-workflow.config.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ZkConfigProperties.class)
public final class ConfigAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ConfigBeanPostProcessor zkConfigBeanPostProcessor() {
		return new ConfigBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigPaths zkConfigPaths(ZkConfigProperties properties, Environment environment) {
		String name = properties.getName();
		if (name == null || name.isBlank()) {
			name = environment.getProperty("spring.application.name", properties.getDefaultContext());
		}
		return new ConfigPaths(properties.getRoot(), properties.getDefaultContext(), name,
				properties.getProfileSeparator(), Arrays.asList(environment.getActiveProfiles()));
	}

	@Bean
	@ConditionalOnMissingBean
	ZkConfigPropertySource zkConfigPropertySource() {
		return new ZkConfigPropertySource();
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigApplier zkConfigApplier(CuratorFramework curator, ConfigPaths paths, ZkConfigProperties properties,
			ConfigurableApplicationContext context, ZkConfigPropertySource propertySource,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<ConfigMetrics> metrics,
			ObjectProvider<ZkConfigValidator> validators) {
		return ConfigApplierFactory.create(curator, paths, properties, context, propertySource,
				jsonMapper.getIfAvailable(JsonMapper::new), metrics.getIfAvailable(() -> ConfigMetrics.NONE),
				() -> validators.orderedStream().toList());
	}

	@Bean
	SmartInitializingSingleton zkConfigApplierReady(ConfigApplier applier) {
		return applier::singletonsReady;
	}

	@Bean
	@ConditionalOnMissingBean
	ZkConfigTemplate zkConfigTemplate(CuratorFramework curator, ConfigPaths paths, ConfigApplier applier,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new ZkConfigTemplate(new ConfigTransactions(curator, paths, jsonMapper.getIfAvailable(JsonMapper::new)),
				paths, paths.applicationContext(), applier.settings().converter(), applier);
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigStatusSection zkConfigStatusSection(ConfigApplier applier) {
		return new ConfigStatusSection(applier);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class ConfigMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConfigMetrics zkConfigMetrics(ObjectProvider<MeterRegistry> registry) {
			return new MicrometerConfigMetrics(registry);
		}

	}

}
