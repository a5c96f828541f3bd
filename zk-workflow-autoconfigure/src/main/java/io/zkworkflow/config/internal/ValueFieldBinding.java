package io.zkworkflow.config.internal;

import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.util.PropertyPlaceholderHelper;
import org.springframework.util.ReflectionUtils;

/**
 * A {@code @Value("${...}")} field, re-resolved against the candidate configuration when one of
 * its keys changes in ZooKeeper.
 */
final class ValueFieldBinding implements ConfigBinding {

	private static final PropertyPlaceholderHelper PLACEHOLDERS = new PropertyPlaceholderHelper("${", "}", ":", '\\',
			true);

	private final Object bean;

	private final Field field;

	private final String expression;

	private final Set<String> keys;

	private final ConfigurableBeanFactory beanFactory;

	private final ConfigurableEnvironment environment;

	ValueFieldBinding(Object bean, Field field, String expression, ConfigurableBeanFactory beanFactory,
			ConfigurableEnvironment environment) {
		this.bean = bean;
		this.field = field;
		this.expression = expression;
		this.keys = keysOf(expression);
		this.beanFactory = beanFactory;
		this.environment = environment;
		ReflectionUtils.makeAccessible(field);
	}

	static Set<String> keysOf(String expression) {
		Set<String> keys = new LinkedHashSet<>();
		PLACEHOLDERS.replacePlaceholders(expression, (name) -> {
			keys.add(name);
			return null;
		});
		return keys;
	}

	@Override
	public Set<String> keys() {
		return this.keys;
	}

	@Override
	public Object bean() {
		return this.bean;
	}

	@Override
	public String description() {
		return this.bean.getClass().getSimpleName() + "." + this.field.getName() + " (@Value \"" + this.expression + "\")";
	}

	@Override
	public @Nullable Object prepare(Function<String, @Nullable String> values) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new CandidateSource(values));
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (!source.getName().equals(ZkConfigPropertySource.NAME)
					&& ConfigurationPropertySources.isAttachedConfigurationPropertySource(source) == false) {
				sources.addLast(source);
			}
		}
		String resolved = new PropertySourcesPropertyResolver(sources).resolveRequiredPlaceholders(this.expression);
		Object value = resolved;
		BeanExpressionResolver expressions = this.beanFactory.getBeanExpressionResolver();
		if (expressions != null) {
			value = expressions.evaluate(resolved, new BeanExpressionContext(this.beanFactory, null));
		}
		return this.beanFactory.getTypeConverter().convertIfNecessary(value, this.field.getType(), new TypeDescriptor(this.field));
	}

	@Override
	public void apply(@Nullable Object prepared) {
		if (prepared != UNCHANGED) {
			ReflectionUtils.setField(this.field, this.bean, prepared);
		}
	}

	private static final class CandidateSource extends PropertySource<Object> {

		private final Function<String, @Nullable String> values;

		CandidateSource(Function<String, @Nullable String> values) {
			super("zk-workflow-config-candidate", new Object());
			this.values = values;
		}

		@Override
		public @Nullable Object getProperty(String name) {
			return this.values.apply(name);
		}

	}

}
