package io.zkworkflow.config.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import io.zkworkflow.config.ZkConfigValidator;
import org.apache.curator.framework.CuratorFramework;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Builds the {@link ConfigApplier} and its collaborators for the auto-configuration. Nothing
 * here calls into ZooKeeper: the client is only looked up once the context is refreshed.
 */
public final class ConfigApplierFactory {

	private ConfigApplierFactory() {
	}

	public static ConfigApplier create(Supplier<CuratorFramework> curator, ConfigPaths paths, ConfigOptions options,
			ConfigurableApplicationContext context, ZkConfigPropertySource propertySource, JsonMapper jsonMapper,
			ConfigMetrics metrics, Supplier<List<ZkConfigValidator>> validators) {
		SensitiveKeys sensitiveKeys = new SensitiveKeys(options.sensitiveKeys());
		Path snapshotPath = options.snapshotFile();
		ConfigApplierSettings settings = new ConfigApplierSettings(curator, paths, options,
				context.getEnvironment(), propertySource, jsonMapper,
				new ValueConverter(ApplicationConversionService.getSharedInstance(), jsonMapper), validation(context),
				sensitiveKeys, new ListenerDispatcher(options.listenerTimeout()),
				(snapshotPath != null) ? new SnapshotFile(snapshotPath, jsonMapper) : null,
				new Rejections(context, sensitiveKeys), metrics, validators,
				new ConfigurationPropertiesSupport(context, context.getEnvironment()));
		return new ConfigApplier(settings);
	}

	private static ValueValidation validation(ConfigurableApplicationContext context) {
		if (!ClassUtils.isPresent("jakarta.validation.Validator", ConfigApplierFactory.class.getClassLoader())) {
			return ValueValidation.NONE;
		}
		return BeanValidationSupport.from(context);
	}

}
