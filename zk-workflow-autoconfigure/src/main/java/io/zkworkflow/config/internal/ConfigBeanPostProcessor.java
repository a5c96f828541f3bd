package io.zkworkflow.config.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import io.zkworkflow.config.ZkConfigChangeEvent;
import io.zkworkflow.config.ZkConfigListener;
import io.zkworkflow.config.ZkConfigValue;
import io.zkworkflow.config.ZkValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.zookeeper.common.PathUtils;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanCurrentlyInCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.ReflectionUtils;

/**
 * Connects live configuration to the application's beans. For each bean it registers {@code @ZkConfigValue} fields, setters and {@code ZkValue}s,
 * {@code @ZkConfigListener} methods and (for singletons, unless turned off) {@code @Value}
 * fields with the {@link ConfigBinder}. It does no ZooKeeper work: the configuration is loaded
 * by {@link ConfigLoader} once the context is refreshed, and the binder gives every injection
 * point its value then. The binder is looked up the first time any other bean is about to be
 * instantiated; it does not depend on the {@code CuratorFramework}, so looking it up creates
 * no client.
 */
public final class ConfigBeanPostProcessor
		implements InstantiationAwareBeanPostProcessor, DestructionAwareBeanPostProcessor, BeanFactoryAware,
		EnvironmentAware {

	private static final Log logger = LogFactory.getLog(ConfigBeanPostProcessor.class);

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private @Nullable ConfigurableEnvironment environment;

	private volatile @Nullable ConfigBinder binder;

	private boolean starting;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public @Nullable Object postProcessBeforeInstantiation(Class<?> beanClass, String beanName) {
		startOnce();
		return null;
	}

	private synchronized void startOnce() {
		if (this.binder != null || this.starting || this.beanFactory == null) {
			return;
		}
		this.starting = true;
		try {
			this.binder = this.beanFactory.getBean(ConfigBinder.class);
		}
		catch (BeansException ex) {
			if (!ex.contains(BeanCurrentlyInCreationException.class)) {
				throw ex;
			}
			// The bean being created is one the binder needs (its JsonMapper, a validator...):
			// it cannot see ZooKeeper values anyway. Look again when the next bean is created.
			logger.debug("Live configuration binds beans after the one now in creation: " + ex.getMessage());
		}
		finally {
			this.starting = false;
		}
	}

	@Override
	public PropertyValues postProcessProperties(PropertyValues values, Object bean, String beanName) {
		ConfigBinder binder = this.binder;
		if (binder == null || bean instanceof ConfigApplier || bean instanceof ConfigBinder) {
			return values;
		}
		boolean singleton = this.beanFactory != null && this.beanFactory.containsBeanDefinition(beanName)
				&& this.beanFactory.getMergedBeanDefinition(beanName).isSingleton();
		try {
			bind(binder, bean, singleton);
		}
		catch (RuntimeException ex) {
			throw new BeanCreationException(beanName, ex.getMessage(), ex);
		}
		return values;
	}

	private void bind(ConfigBinder binder, Object bean, boolean singleton) {
		ConfigApplierSettings settings = binder.settings();
		Class<?> type = bean.getClass();
		ReflectionUtils.doWithFields(type, (field) -> {
			ZkConfigValue annotation = AnnotatedElementUtils.findMergedAnnotation(field, ZkConfigValue.class);
			if (annotation != null) {
				checkKey(annotation, field.toString());
				boolean live = ZkValue.class.isAssignableFrom(field.getType());
				if (!live && Modifier.isFinal(field.getModifiers())) {
					throw new IllegalStateException("@ZkConfigValue field " + type.getName() + "." + field.getName()
							+ " (key '" + annotation.key() + "') is final, so it cannot be updated live. Remove "
							+ "'final' and declare it volatile, or use ZkValue<" + field.getType().getSimpleName() + ">.");
				}
				if (!live && !Modifier.isVolatile(field.getModifiers())) {
					logger.warn("@ZkConfigValue field " + type.getName() + "." + field.getName() + " (key '"
							+ annotation.key() + "') is updated live from another thread but is not volatile, so other "
							+ "threads may keep seeing the old value. Declare it volatile, or use ZkValue<"
							+ field.getType().getSimpleName() + ">.");
				}
				binder.bind(new ZkConfigValueBinding(live ? ZkConfigValueBinding.Kind.ZK_VALUE
						: ZkConfigValueBinding.Kind.FIELD, bean, field, null, annotation, settings.converter(),
						settings.validation(), settings.dispatcher()), singleton);
			}
			else if (singleton && settings.options().refreshValueFields()) {
				bindValueField(binder, bean, field);
			}
		});
		ReflectionUtils.doWithMethods(type, (method) -> bindMethod(binder, bean, method, singleton));
	}

	private void bindValueField(ConfigBinder binder, Object bean, Field field) {
		Value value = AnnotationUtils.findAnnotation(field, Value.class);
		if (value == null || !value.value().contains("${") || Modifier.isStatic(field.getModifiers())
				|| Modifier.isFinal(field.getModifiers()) || field.getDeclaringClass().getName().startsWith("org.springframework.")) {
			return;
		}
		binder.bind(new ValueFieldBinding(bean, field, value.value(), this.beanFactory, this.environment), true);
	}

	private void bindMethod(ConfigBinder binder, Object bean, Method method, boolean singleton) {
		ZkConfigValue annotation = AnnotatedElementUtils.findMergedAnnotation(method, ZkConfigValue.class);
		if (annotation != null) {
			checkKey(annotation, method.toString());
			if (method.getParameterCount() != 1) {
				throw new IllegalStateException("@ZkConfigValue method " + method + " must take exactly one parameter "
						+ "(the new value); it takes " + method.getParameterCount());
			}
			ConfigApplierSettings settings = binder.settings();
			binder.bind(new ZkConfigValueBinding(ZkConfigValueBinding.Kind.METHOD, bean, null, method, annotation,
					settings.converter(), settings.validation(), settings.dispatcher()), singleton);
		}
		ZkConfigListener listener = AnnotatedElementUtils.findMergedAnnotation(method, ZkConfigListener.class);
		if (listener != null) {
			if (method.getParameterCount() != 1 || !method.getParameterTypes()[0].equals(ZkConfigChangeEvent.class)) {
				throw new IllegalStateException("@ZkConfigListener method " + method
						+ " must take exactly one ZkConfigChangeEvent parameter");
			}
			if (singleton) {
				binder.addListener(new ListenerMethod(bean, method, Arrays.asList(listener.prefixes())));
			}
		}
	}

	private static void checkKey(ZkConfigValue annotation, String where) {
		if (annotation.key().isBlank()) {
			throw new IllegalStateException("@ZkConfigValue on " + where + " has no key; "
					+ "write @ZkConfigValue(key = \"pricing.discount-rate\") or an absolute znode path");
		}
		String key = annotation.key();
		try {
			if (key.startsWith("/")) {
				PathUtils.validatePath(key);
			}
			else {
				ConfigPaths.checkKey(key);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@ZkConfigValue on " + where + " has an invalid key '" + key + "': "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) throws BeansException {
		ConfigBinder binder = this.binder;
		if (binder != null) {
			binder.unbind(bean);
		}
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		ConfigBinder binder = this.binder;
		return binder != null && binder.isBound(bean);
	}

}
