package io.zkworkflow.config.internal;

import java.util.List;
import java.util.Set;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.properties.ConfigurationPropertiesRebinder;
import org.springframework.context.ApplicationContext;

/**
 * The spring-cloud-context part of {@link ConfigurationPropertiesSupport}; loaded only when
 * spring-cloud-context is on the class path.
 */
final class CloudContextRebinding {

	private CloudContextRebinding() {
	}

	static void rebind(ApplicationContext context, List<String> beanNames, Set<String> keys, Object source) {
		ConfigurationPropertiesRebinder rebinder = context.getBeanProvider(ConfigurationPropertiesRebinder.class)
			.getIfAvailable();
		if (rebinder != null) {
			beanNames.forEach(rebinder::rebind);
		}
		// The source is not the context, so the rebinder does not rebind every bean again.
		context.publishEvent(new EnvironmentChangeEvent(source, keys));
	}

}
