package io.zkworkflow.lock;

import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * How the lock tests start application instances: spring-cloud-zookeeper's client, zk-workflow's
 * core and lock auto-configuration, metrics with observations, a short session timeout.
 */
final class LockInstances {

	private static final String[] PROPERTIES = { "spring.cloud.zookeeper.session-timeout=4s",
			"spring.cloud.zookeeper.connection-timeout=2s" };

	private LockInstances() {
	}

	/**
	 * One instance at a time, for checks of startup and of a single instance.
	 */
	static ApplicationContextRunner runner(ZooKeeperServerExtension zookeeper, Class<?>... userConfigurations) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class,
					ZkWorkflowAutoConfiguration.class, LockAutoConfiguration.class))
			.withPropertyValues(zookeeper.connectStringProperty())
			.withPropertyValues(PROPERTIES)
			.withUserConfiguration(MetricsConfiguration.class)
			.withUserConfiguration(userConfigurations);
	}

	/**
	 * Run {@code body} with {@code count} instances of {@code configuration}, each with its own
	 * session, all running at once; they are closed afterwards.
	 */
	static void with(ZooKeeperServerExtension zookeeper, Class<?> configuration, int count,
			Consumer<ZkInstances> body) {
		try (ZkInstances instances = ZkInstances.on(zookeeper).sources(Infrastructure.class).properties(PROPERTIES)) {
			for (int i = 0; i < count; i++) {
				instances.start(configuration);
			}
			body.accept(instances);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
			LockAutoConfiguration.class })
	@Import(MetricsConfiguration.class)
	static class Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	static class MetricsConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

}
