package io.zkworkflow.autoconfigure.config;

import java.util.Arrays;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.config.ZkConfigValidator;
import io.zkworkflow.config.internal.ConfigApplier;
import io.zkworkflow.config.internal.ConfigApplierFactory;
import io.zkworkflow.config.internal.ConfigBeanPostProcessor;
import io.zkworkflow.config.internal.ConfigBinder;
import io.zkworkflow.config.internal.ConfigLoader;
import io.zkworkflow.config.internal.ConfigMetrics;
import io.zkworkflow.config.internal.ConfigObserver;
import io.zkworkflow.config.internal.ConfigOptions;
import io.zkworkflow.config.internal.ConfigPaths;
import io.zkworkflow.config.internal.ConfigStatusSection;
import io.zkworkflow.config.internal.ConfigTransactions;
import io.zkworkflow.config.internal.DefaultZkConfigTemplate;
import io.zkworkflow.config.internal.MicrometerConfigMetrics;
import io.zkworkflow.config.internal.ZkConfigPropertySource;
import io.zkworkflow.internal.ZkRoot;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.config.ConfigApplyObservationConvention;
import io.zkworkflow.config.ConfigRejectObservationConvention;
import org.apache.curator.framework.CuratorFramework;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
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
 * once the context is refreshed, before the application is ready), {@code @ZkConfigValue} and
 * {@code ZkValue} injection, {@code @ZkConfigListener}s and the {@link ZkConfigTemplate} write
 * API. The {@code CuratorFramework} is the single candidate the core uses; it is looked up only
 * when the configuration loads, and never called into while beans are created.
 */
@AutoConfiguration(after = ZkWorkflowAutoConfiguration.class)
@ConditionalOnBean({ CuratorFramework.class, ZkRoot.class })
@ConditionalOnBooleanProperty(name = "zk-workflow.config.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConfigProperties.class)
public final class ConfigAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ConfigBeanPostProcessor zkConfigBeanPostProcessor() {
		return new ConfigBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigPaths zkConfigPaths(ConfigProperties properties, Environment environment) {
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
	ConfigApplier zkConfigApplier(ObjectProvider<CuratorFramework> curator, ConfigPaths paths,
			ConfigProperties properties, ConfigurableApplicationContext context, ZkConfigPropertySource propertySource,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<ConfigMetrics> metrics,
			ObjectProvider<ZkConfigValidator> validators) {
		return ConfigApplierFactory.create(curator::getObject, paths, options(properties), context, propertySource,
				jsonMapper.getIfAvailable(JsonMapper::new), metrics.getIfAvailable(() -> ConfigMetrics.NONE),
				() -> validators.orderedStream().toList());
	}

	private static ConfigOptions options(ConfigProperties properties) {
		return new ConfigOptions(properties.getInitialLoadTimeout(), properties.getListenerTimeout(),
				properties.isRefreshValueFields(), properties.getSnapshotFile(), properties.getSensitiveKeys());
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigBinder zkConfigBinder(ConfigApplier applier) {
		return new ConfigBinder(applier);
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigLoader zkConfigLoader(ConfigApplier applier, ConfigBinder binder) {
		return new ConfigLoader(applier, binder);
	}

	@Bean
	@ConditionalOnMissingBean
	ZkConfigTemplate zkConfigTemplate(CuratorFramework curator, ConfigPaths paths, ConfigApplier applier,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new DefaultZkConfigTemplate(
				new ConfigTransactions(curator, paths, jsonMapper.getIfAvailable(JsonMapper::new)), paths,
				paths.applicationContext(), applier.settings().converter(), applier);
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
		ConfigMetrics zkConfigMetrics(ObjectProvider<MeterRegistry> registry,
				ObjectProvider<ObservationRegistry> observations,
				ObjectProvider<ConfigApplyObservationConvention> applyConvention,
				ObjectProvider<ConfigRejectObservationConvention> rejectConvention) {
			return new MicrometerConfigMetrics(registry,
					new ConfigObserver(observations, applyConvention, rejectConvention));
		}

	}

}
