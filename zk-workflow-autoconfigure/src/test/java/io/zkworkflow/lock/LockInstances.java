package io.zkworkflow.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.test.ZooKeeperServerExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Several application contexts at once, each with its own ZooKeeper session through
 * spring-cloud-zookeeper, to make instances compete for locks.
 */
final class LockInstances {

	private LockInstances() {
	}

	static ApplicationContextRunner runner(ZooKeeperServerExtension zookeeper, Class<?>... userConfigurations) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class,
					ZkWorkflowAutoConfiguration.class, LockAutoConfiguration.class))
			.withPropertyValues(zookeeper.connectStringProperty(), "spring.cloud.zookeeper.session-timeout=4s",
					"spring.cloud.zookeeper.connection-timeout=2s")
			.withUserConfiguration(MetricsConfiguration.class)
			.withUserConfiguration(userConfigurations);
	}

	/**
	 * Run {@code body} with {@code count} contexts started from {@code runner}, all open at once.
	 */
	static void with(ApplicationContextRunner runner, int count, Consumer<List<AssertableApplicationContext>> body) {
		open(runner, count, new ArrayList<>(), body);
	}

	private static void open(ApplicationContextRunner runner, int count, List<AssertableApplicationContext> open,
			Consumer<List<AssertableApplicationContext>> body) {
		if (open.size() == count) {
			body.accept(List.copyOf(open));
			return;
		}
		runner.run((context) -> {
			if (context.getStartupFailure() != null) {
				throw new IllegalStateException("Context failed to start", context.getStartupFailure());
			}
			open.add(context);
			open(runner, count, open, body);
		});
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
