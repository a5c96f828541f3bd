package io.zkworkflow.autoconfigure;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.zkworkflow.test.ZooKeeperServerExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.core.convert.support.ConfigurableConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the auto-configuration tests start a context: spring-cloud-zookeeper's client on the
 * test class's real ZooKeeper server, Jackson, the two foundation auto-configurations and the
 * ones under test. Public only so that the tests of each capability's package can use it.
 */
public final class ZooKeeperContexts {

	private ZooKeeperContexts() {
	}

	/**
	 * A runner for a plain application.
	 * @param zookeeper the test class's server
	 * @param autoConfigurations the auto-configurations under test, besides the foundation
	 * @return the runner
	 */
	public static ApplicationContextRunner runner(ZooKeeperServerExtension zookeeper, Class<?>... autoConfigurations) {
		return configure(new ApplicationContextRunner(), zookeeper, autoConfigurations);
	}

	/**
	 * A runner for a servlet web application.
	 * @param zookeeper the test class's server
	 * @param autoConfigurations the auto-configurations under test, besides the foundation
	 * @return the runner
	 */
	public static WebApplicationContextRunner webRunner(ZooKeeperServerExtension zookeeper,
			Class<?>... autoConfigurations) {
		return configure(new WebApplicationContextRunner(), zookeeper, autoConfigurations);
	}

	private static <R extends AbstractApplicationContextRunner<R, ?, ?>> R configure(R runner,
			ZooKeeperServerExtension zookeeper, Class<?>... autoConfigurations) {
		return runner
			.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
					ZkWorkflowClientAutoConfiguration.class, ZkWorkflowAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(autoConfigurations))
			// as SpringApplication does, so that enum values such as 'none' convert
			.withInitializer((context) -> context.getEnvironment()
				.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance()))
			.withPropertyValues(zookeeper.connectStringProperty(), "spring.cloud.zookeeper.session-timeout=10s",
					"spring.application.name=conditions");
	}

	/**
	 * A bean the application defines in place of one an auto-configuration would: how it is
	 * added, and the check that the context started with it and without the auto-configured one.
	 */
	public static final class UserBean {

		private final String description;

		private final UnaryOperator<ApplicationContextRunner> registration;

		private final Consumer<AssertableApplicationContext> check;

		private UserBean(String description, UnaryOperator<ApplicationContextRunner> registration,
				Consumer<AssertableApplicationContext> check) {
			this.description = description;
			this.registration = registration;
			this.check = check;
		}

		/**
		 * A bean of {@code type} that Spring builds with its public constructor, from the given
		 * arguments and the context's beans.
		 * @param type the type the auto-configuration backs off for
		 * @param constructorArgs arguments that are not beans
		 * @return the user bean
		 */
		public static UserBean built(Class<?> type, Object... constructorArgs) {
			String name = userName(type);
			return ofType(type, (runner) -> runner.withBean(name, type, constructorArgs));
		}

		/**
		 * A bean of {@code type} that the application supplies itself.
		 * @param <T> the bean's type
		 * @param type the type the auto-configuration backs off for
		 * @param supplier the application's bean
		 * @return the user bean
		 */
		public static <T> UserBean supplied(Class<T> type, Supplier<T> supplier) {
			String name = userName(type);
			return ofType(type, (runner) -> runner.withBean(name, type, supplier));
		}

		/**
		 * The beans of a user configuration, among them the only one of {@code type}.
		 * @param type the type the auto-configuration backs off for
		 * @param configuration the user configuration
		 * @return the user bean
		 */
		public static UserBean configured(Class<?> type, Class<?> configuration) {
			return new UserBean(type.getSimpleName(), (runner) -> runner.withUserConfiguration(configuration),
					(context) -> {
						assertThat(context).hasNotFailed();
						assertThat(context.getBeanNamesForType(type)).singleElement().satisfies((name) -> {
							String factory = context.getBeanFactory().getBeanDefinition(name).getFactoryBeanName();
							assertThat(factory).isNotNull();
							assertThat(configuration.isAssignableFrom(context.getType(factory))).isTrue();
						});
					});
		}

		/**
		 * A bean under the name the auto-configuration backs off for.
		 * @param name the auto-configured bean's name
		 * @param bean the application's bean of that name
		 * @return the user bean
		 */
		@SuppressWarnings({ "unchecked", "rawtypes" })
		public static UserBean named(String name, Object bean) {
			return new UserBean(name, (runner) -> runner.withBean(name, (Class) bean.getClass(), () -> bean),
					(context) -> {
						assertThat(context).hasNotFailed();
						assertThat(context.getBean(name)).isSameAs(bean);
					});
		}

		private static UserBean ofType(Class<?> type, UnaryOperator<ApplicationContextRunner> registration) {
			return new UserBean(type.getSimpleName(), registration, (context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanNamesForType(type)).containsExactly(userName(type));
			});
		}

		private static String userName(Class<?> type) {
			return "users" + type.getSimpleName();
		}

		/**
		 * Start a context from {@code runner} with this bean and check that it is the one used.
		 * @param runner the runner of the auto-configurations under test
		 */
		public void assertUsedBy(ApplicationContextRunner runner) {
			this.registration.apply(runner).run(this.check::accept);
		}

		@Override
		public String toString() {
			return "the application's own " + this.description;
		}

	}

}
