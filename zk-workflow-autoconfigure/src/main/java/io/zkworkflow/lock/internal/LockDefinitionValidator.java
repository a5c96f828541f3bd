package io.zkworkflow.lock.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zkworkflow.lock.DistributedLocked;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Checks every {@link DistributedLocked} declaration once the singletons exist, so that a bad
 * expression, name, duration or fallback fails startup instead of the first call.
 */
public final class LockDefinitionValidator implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	private final ObjectProvider<LockDefinitions> definitions;

	public LockDefinitionValidator(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<LockDefinitions> definitions) {
		this.beanFactory = beanFactory;
		this.definitions = definitions;
	}

	@Override
	public void afterSingletonsInstantiated() {
		LockDefinitions checker = this.definitions.getObject();
		List<String> problems = new ArrayList<>();
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(name, false);
			if (type == null) {
				continue;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			if (!AnnotationUtils.isCandidateClass(userClass, DistributedLocked.class)) {
				continue;
			}
			Map<Method, DistributedLocked> methods = MethodIntrospector.selectMethods(userClass,
					(MethodIntrospector.MetadataLookup<DistributedLocked>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, DistributedLocked.class));
			for (Method method : methods.keySet()) {
				try {
					checker.check(method, userClass);
				}
				catch (IllegalStateException ex) {
					problems.add(ex.getMessage());
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid @DistributedLocked declaration(s):\n  - "
					+ String.join("\n  - ", problems));
		}
	}

}
