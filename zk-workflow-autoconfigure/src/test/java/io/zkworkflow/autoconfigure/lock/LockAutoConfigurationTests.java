package io.zkworkflow.autoconfigure.lock;

import java.time.Duration;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.autoconfigure.ZooKeeperContexts;
import io.zkworkflow.autoconfigure.ZooKeeperContexts.UserBean;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.internal.DistributedLockAdvisor;
import io.zkworkflow.lock.internal.DistributedLockInterceptor;
import io.zkworkflow.lock.internal.LockDefinitionValidator;
import io.zkworkflow.lock.internal.LockDefinitions;
import io.zkworkflow.lock.internal.LockMetrics;
import io.zkworkflow.lock.internal.LockStatusSection;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.ConfigurableTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of {@link LockAutoConfiguration}.
 */
class LockAutoConfigurationTests {

	private static final String TRANSACTION_REGISTRAR = "zkWorkflowLockTransactionListenerRegistrar";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = ZooKeeperContexts.runner(zookeeper, LockAutoConfiguration.class);

	@Test
	void defaultsOfferTheTemplateTheAdvisorAndTheSection() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(DistributedLockTemplate.class)
			.hasSingleBean(DistributedLockAdvisor.class)
			.hasSingleBean(LockDefinitionValidator.class)
			.hasSingleBean(LockStatusSection.class)
			.hasSingleBean(LockMetrics.class)
			.hasBean(TRANSACTION_REGISTRAR));
	}

	@Test
	void backsOffWhenLocksAreDisabled() {
		this.runner.withPropertyValues("zk-workflow.lock.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
				.doesNotHaveBean(DistributedLockTemplate.class)
				.doesNotHaveBean(DistributedLockAdvisor.class));
	}

	@Test
	void backsOffWhenZkWorkflowIsDisabled() {
		this.runner.withPropertyValues("zk-workflow.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DistributedLockTemplate.class)
				.doesNotHaveBean(DistributedLockAdvisor.class));
	}

	@Test
	void backsOffWithoutACuratorFramework() {
		this.runner.withPropertyValues("spring.cloud.zookeeper.enabled=false")
			.withBean(ZkRoot.class, "/own-root")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CuratorFramework.class)
				.doesNotHaveBean(DistributedLockTemplate.class));
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(DistributedLockTemplate.class)
				.doesNotHaveBean(LockMetrics.class));
	}

	@Test
	void noMetricsWithoutMicrometerObservation() {
		this.runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(DistributedLockTemplate.class)
				.doesNotHaveBean(LockMetrics.class));
	}

	@Test
	void noTransactionListenerWithoutSpringTransactions() {
		this.runner.withClassLoader(new FilteredClassLoader(ConfigurableTransactionManager.class))
			.run((context) -> assertThat(context).hasSingleBean(DistributedLockTemplate.class)
				.doesNotHaveBean(TRANSACTION_REGISTRAR));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("usersOwnBeans")
	void backsOffToTheApplicationsOwnBean(UserBean bean) {
		bean.assertUsedBy(this.runner);
	}

	static Stream<UserBean> usersOwnBeans() {
		return Stream.of(UserBean.configured(DistributedLockTemplate.class, UsersTemplateConfiguration.class),
				UserBean.configured(LockDefinitions.class, UsersDefinitionsConfiguration.class),
				UserBean.built(DistributedLockInterceptor.class), UserBean.built(DistributedLockAdvisor.class, 10),
				UserBean.built(LockDefinitionValidator.class), UserBean.built(LockStatusSection.class),
				UserBean.supplied(LockMetrics.class, () -> LockMetrics.NONE),
				UserBean.named(TRANSACTION_REGISTRAR, new BeanPostProcessor() {
				}));
	}

	@Configuration(proxyBeanMethods = false)
	static class UsersTemplateConfiguration {

		@Bean
		DistributedLockTemplate usersLockTemplate(CuratorFramework curator) {
			return DistributedLockTemplate.create(curator, "/users-locks");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersDefinitionsConfiguration {

		@Bean
		LockDefinitions usersLockDefinitions(Environment environment, ConfigurableListableBeanFactory beanFactory) {
			return new LockDefinitions(environment, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1), beanFactory);
		}

	}

}
