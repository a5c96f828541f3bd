package io.zkworkflow.config.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import io.zkworkflow.config.ConfigPaths;
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
 * Connects live configuration to the application's beans.
 * <p>
 * <b>Early loading.</b> This post-processor is registered with the other bean post-processors,
 * before any ordinary singleton exists. The first time any other bean is about to be
 * instantiated, it fetches the {@link ConfigApplier} bean (which depends on the
 * {@code CuratorFramework} spring-cloud-zookeeper builds, so that client is created right then
 * with every post-processor in place, and no second client is made) and starts it: the live
 * PropertySource goes into the Environment and is loaded before the first application bean
 * resolves a {@code ${...}}, an {@code @Value} or an {@code @ConfigurationProperties}.
 * <p>
 * <b>Injection.</b> For each singleton it injects {@code @ZkConfigValue} fields, setters and
 * {@code ZkValue}s, registers {@code @ZkConfigListener} methods and (unless turned off)
 * {@code @Value} fields for live updates.
 */
public final class ConfigBeanPostProcessor
		implements InstantiationAwareBeanPostProcessor, DestructionAwareBeanPostProcessor, BeanFactoryAware,
		EnvironmentAware {

	private static final Log logger = LogFactory.getLog(ConfigBeanPostProcessor.class);

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private @Nullable ConfigurableEnvironment environment;

	private volatile @Nullable ConfigApplier applier;

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
		if (this.applier != null || this.starting || this.beanFactory == null) {
			return;
		}
		this.starting = true;
		try {
			ConfigApplier applier = this.beanFactory.getBean(ConfigApplier.class);
			applier.start();
			this.applier = applier;
		}
		catch (BeansException ex) {
			if (!ex.contains(BeanCurrentlyInCreationException.class)) {
				throw ex;
			}
			// The bean being created is one the applier needs (its JsonMapper, a validator...):
			// it cannot see ZooKeeper values anyway. Start when the next bean is created.
			logger.debug("Live configuration starts after the bean now in creation: " + ex.getMessage());
		}
		finally {
			this.starting = false;
		}
	}

	@Override
	public PropertyValues postProcessProperties(PropertyValues values, Object bean, String beanName) {
		ConfigApplier applier = this.applier;
		if (applier == null || bean instanceof ConfigApplier) {
			return values;
		}
		boolean singleton = this.beanFactory != null && this.beanFactory.containsBeanDefinition(beanName)
				&& this.beanFactory.getMergedBeanDefinition(beanName).isSingleton();
		try {
			bind(applier, bean, beanName, singleton);
		}
		catch (RuntimeException ex) {
			throw new BeanCreationException(beanName, ex.getMessage(), ex);
		}
		return values;
	}

	private void bind(ConfigApplier applier, Object bean, String beanName, boolean singleton) {
		ConfigApplierSettings settings = applier.settings();
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
				applier.bind(new ZkConfigValueBinding(live ? ZkConfigValueBinding.Kind.ZK_VALUE
						: ZkConfigValueBinding.Kind.FIELD, bean, field, null, annotation, settings.converter(),
						settings.validation(), settings.dispatcher()));
			}
			else if (singleton && settings.properties().isRefreshValueFields()) {
				bindValueField(applier, bean, field);
			}
		});
		ReflectionUtils.doWithMethods(type, (method) -> bindMethod(applier, bean, method));
		if (!singleton) {
			applier.unbind(bean);
		}
	}

	private void bindValueField(ConfigApplier applier, Object bean, Field field) {
		Value value = AnnotationUtils.findAnnotation(field, Value.class);
		if (value == null || !value.value().contains("${") || Modifier.isStatic(field.getModifiers())
				|| Modifier.isFinal(field.getModifiers()) || field.getDeclaringClass().getName().startsWith("org.springframework.")) {
			return;
		}
		applier.bind(new ValueFieldBinding(bean, field, value.value(), this.beanFactory, this.environment));
	}

	private void bindMethod(ConfigApplier applier, Object bean, Method method) {
		ZkConfigValue annotation = AnnotatedElementUtils.findMergedAnnotation(method, ZkConfigValue.class);
		if (annotation != null) {
			checkKey(annotation, method.toString());
			if (method.getParameterCount() != 1) {
				throw new IllegalStateException("@ZkConfigValue method " + method + " must take exactly one parameter "
						+ "(the new value); it takes " + method.getParameterCount());
			}
			ConfigApplierSettings settings = applier.settings();
			applier.bind(new ZkConfigValueBinding(ZkConfigValueBinding.Kind.METHOD, bean, null, method, annotation,
					settings.converter(), settings.validation(), settings.dispatcher()));
		}
		ZkConfigListener listener = AnnotatedElementUtils.findMergedAnnotation(method, ZkConfigListener.class);
		if (listener != null) {
			if (method.getParameterCount() != 1 || !method.getParameterTypes()[0].equals(ZkConfigChangeEvent.class)) {
				throw new IllegalStateException("@ZkConfigListener method " + method
						+ " must take exactly one ZkConfigChangeEvent parameter");
			}
			applier.addListener(new ListenerMethod(bean, method, Arrays.asList(listener.prefixes())));
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
		ConfigApplier applier = this.applier;
		if (applier != null) {
			applier.unbind(bean);
		}
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		ConfigApplier applier = this.applier;
		return applier != null && applier.isBound(bean);
	}

}
