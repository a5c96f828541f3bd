package io.zkworkflow.autoconfigure.lock;

import java.lang.management.ManagementFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockAcquireObservationConvention;
import io.zkworkflow.lock.LockFailureHandler;
import io.zkworkflow.lock.LockHoldObservationConvention;
import io.zkworkflow.lock.internal.DistributedLockAdvisor;
import io.zkworkflow.lock.internal.DistributedLockInterceptor;
import io.zkworkflow.lock.internal.LockDefinitionValidator;
import io.zkworkflow.lock.internal.LockDefinitions;
import io.zkworkflow.lock.internal.LockMetrics;
import io.zkworkflow.lock.internal.LockPaths;
import io.zkworkflow.lock.internal.LockStatusSection;
import io.zkworkflow.lock.internal.LockTreeView;
import io.zkworkflow.lock.internal.LockTransactionGuard;
import io.zkworkflow.lock.internal.MicrometerLockMetrics;
import io.zkworkflow.lock.internal.ZkLockTemplate;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.transaction.ConfigurableTransactionManager;

/**
 * Distributed locks: the {@link DistributedLockTemplate}, the {@code @DistributedLocked}
 * advisor (an infrastructure advisor, ordered outside {@code @Transactional}; no AspectJ
 * needed), startup checks of every declaration, transaction rollback on lock loss, metrics and
 * the {@code locks} status section.
 */
@AutoConfiguration(after = ZkWorkflowAutoConfiguration.class)
@ConditionalOnBean({ CuratorFramework.class, ZkRoot.class })
@ConditionalOnBooleanProperty(name = "zk-workflow.lock.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LockProperties.class)
@Import(LockAutoConfiguration.AutoProxyRegistrar.class)
public final class LockAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DistributedLockTemplate zkWorkflowLockTemplate(CuratorFramework curator, ZkRoot root, LockProperties properties,
			ApplicationEventPublisher events, ObjectProvider<LockMetrics> metrics, Environment environment,
			ObjectProvider<EphemeralBudget> budget) {
		String holder = environment.getProperty("spring.application.name", "application") + "@"
				+ ManagementFactory.getRuntimeMXBean().getName();
		ZkLockTemplate.Settings settings = new ZkLockTemplate.Settings(curator, root,
				metrics.getIfAvailable(() -> LockMetrics.NONE), events::publishEvent, holder,
				properties.getOperationTimeout());
		EphemeralBudget shared = budget.getIfAvailable();
		return (shared != null) ? new ZkLockTemplate(settings, shared)
				: ZkLockTemplate.withOwnBudget(settings, EphemeralBudget.withDefaults());
	}

	@Bean
	@ConditionalOnMissingBean
	LockDefinitions zkWorkflowLockDefinitions(Environment environment, LockProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		return new LockDefinitions(environment, properties.getWaitTime(), properties.getMinHoldTime(),
				properties.getMaxHoldTime(), beanFactory);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static DistributedLockInterceptor zkWorkflowLockInterceptor(ObjectProvider<DistributedLockTemplate> template,
			ObjectProvider<LockDefinitions> definitions, ObjectProvider<LockFailureHandler> failureHandler) {
		return new DistributedLockInterceptor(template, definitions, failureHandler);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static DistributedLockAdvisor zkWorkflowLockAdvisor(DistributedLockInterceptor interceptor,
			Environment environment) {
		int order = environment.getProperty(LockProperties.PREFIX + ".advisor-order", Integer.class,
				LockProperties.DEFAULT_ADVISOR_ORDER);
		return new DistributedLockAdvisor(interceptor, order);
	}

	@Bean
	@ConditionalOnMissingBean
	static LockDefinitionValidator zkWorkflowLockDefinitionValidator(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<LockDefinitions> definitions) {
		return new LockDefinitionValidator(beanFactory, definitions);
	}

	@Bean
	@ConditionalOnMissingBean
	LockStatusSection zkWorkflowLockStatusSection(DistributedLockTemplate template) {
		return new LockStatusSection(template);
	}

	@Bean
	@ConditionalOnMissingBean
	LockTreeView zkWorkflowLockTreeView(CuratorFramework curator, ZkRoot root) {
		return new LockTreeView(curator, new LockPaths(root));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MeterRegistry.class, ObservationRegistry.class })
	static class LockMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LockMetrics zkWorkflowLockMetrics(ObjectProvider<ObservationRegistry> observations,
				ObjectProvider<MeterRegistry> meters, ObjectProvider<LockAcquireObservationConvention> acquireConvention,
				ObjectProvider<LockHoldObservationConvention> holdConvention) {
			return new MicrometerLockMetrics(observations.getIfUnique(), meters.getIfUnique(),
					acquireConvention.getIfUnique(), holdConvention.getIfUnique());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConfigurableTransactionManager.class)
	static class LockTransactionConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "zkWorkflowLockTransactionListenerRegistrar")
		static BeanPostProcessor zkWorkflowLockTransactionListenerRegistrar() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof ConfigurableTransactionManager manager
							&& !manager.getTransactionExecutionListeners().contains(LockTransactionGuard.LISTENER)) {
						manager.addListener(LockTransactionGuard.LISTENER);
					}
					return bean;
				}

			};
		}

	}

	/**
	 * Makes sure an auto-proxy creator exists (as {@code @EnableTransactionManagement} does), so
	 * that the lock advisor applies even without Boot's AOP auto-configuration. Class-based
	 * proxies unless {@code spring.aop.proxy-target-class=false}.
	 */
	static class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

		private boolean proxyTargetClass = true;

		@Override
		public void setEnvironment(Environment environment) {
			this.proxyTargetClass = environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true);
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
			if (this.proxyTargetClass) {
				AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
			}
		}

	}

}
