package io.zkworkflow.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * {@code @ConfigurationProperties} beans and live configuration: before a change is accepted,
 * every bean whose prefix it touches is bound into a fresh instance as a trial (conversion and
 * {@code @Validated} constraints), so that a change that would break one is refused; after, the
 * beans are rebound through spring-cloud-context when it is present.
 */
final class ConfigurationPropertiesSupport {

	private static final boolean CLOUD_CONTEXT_PRESENT = ClassUtils.isPresent(
			"org.springframework.cloud.context.properties.ConfigurationPropertiesRebinder",
			ConfigurationPropertiesSupport.class.getClassLoader());

	private final ConfigurableApplicationContext context;

	private final ConfigurableEnvironment environment;

	private volatile @Nullable Map<String, ConfigurationPropertiesBean> beans;

	ConfigurationPropertiesSupport(ConfigurableApplicationContext context, ConfigurableEnvironment environment) {
		this.context = context;
		this.environment = environment;
	}

	/** Forget the known beans, once all singletons exist. */
	void refreshBeans() {
		this.beans = null;
	}

	/**
	 * Trial-bind the beans a change touches.
	 * @param keys the changed keys
	 * @param candidate every key's candidate value
	 * @return why the change breaks a bean, or {@code null}
	 */
	@Nullable String check(Set<String> keys, Map<String, String> candidate) {
		List<ConfigurationPropertiesBean> touched = touched(keys);
		if (touched.isEmpty()) {
			return null;
		}
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new MapPropertySource("zk-workflow-config-candidate", Map.copyOf(candidate)));
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (!source.getName().equals(ZkConfigPropertySource.NAME)
					&& !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				sources.addLast(source);
			}
		}
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		for (ConfigurationPropertiesBean bean : touched) {
			try {
				binder.bind(bean.getAnnotation().prefix(), Bindable.of(bean.asBindTarget().getType()), handler(bean));
			}
			catch (RuntimeException ex) {
				return "@ConfigurationProperties bean '" + bean.getName() + "' (prefix '" + bean.getAnnotation().prefix()
						+ "') cannot bind it: " + ValueConverter.rootMessage(ex);
			}
		}
		return null;
	}

	private BindHandler handler(ConfigurationPropertiesBean bean) {
		Validator validator = this.context.getBeanProvider(Validator.class).getIfUnique();
		if (validator != null && typeOf(bean).isAnnotationPresent(Validated.class)) {
			return new ValidationBindHandler(validator);
		}
		return BindHandler.DEFAULT;
	}

	/**
	 * Rebind the beans accepted changes touched, then publish spring-cloud-context's
	 * {@code EnvironmentChangeEvent}; nothing without spring-cloud-context.
	 * @param keys the accepted keys
	 * @param source the event source
	 */
	void changed(Set<String> keys, Object source) {
		if (CLOUD_CONTEXT_PRESENT) {
			List<String> names = touched(keys).stream().map(ConfigurationPropertiesBean::getName).toList();
			CloudContextRebinding.rebind(this.context, names, keys, source);
		}
	}

	private static Class<?> typeOf(ConfigurationPropertiesBean bean) {
		Class<?> type = bean.asBindTarget().getType().resolve();
		return (type != null) ? type : Object.class;
	}

	private List<ConfigurationPropertiesBean> touched(Set<String> keys) {
		Map<String, ConfigurationPropertiesBean> known = this.beans;
		if (known == null) {
			known = ConfigurationPropertiesBean.getAll(this.context);
			this.beans = known;
		}
		List<ConfigurationPropertiesBean> touched = new ArrayList<>();
		for (ConfigurationPropertiesBean bean : known.values()) {
			String prefix = bean.getAnnotation().prefix();
			if (prefix.isEmpty() || typeOf(bean).getName().startsWith("org.springframework.")) {
				continue;
			}
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(prefix, '.');
			for (String key : keys) {
				if (!key.startsWith("/") && name.isAncestorOf(ConfigurationPropertyName.adapt(key, '.'))) {
					touched.add(bean);
					break;
				}
			}
		}
		return touched;
	}

}
