package io.zkworkflow.lock;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValues;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.observation.RecordedObservations;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances hold the same lock in turn, each observing its own hold; a hold whose session
 * expired ends as lost; an acquisition refused because another instance holds the lock is busy;
 * convention beans of the application replace the defaults.
 */
class LockHoldObservationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = ZkInstances.on(zookeeper)
		.sources(Infrastructure.class)
		.properties("spring.cloud.zookeeper.session-timeout=4s", "spring.cloud.zookeeper.connection-timeout=2s");

	@AfterEach
	void close() {
		this.instances.close();
	}

	@Test
	void eachInstanceObservesItsOwnHoldOfASharedLock() throws Exception {
		ConfigurableApplicationContext first = this.instances.start(RecordedObservations.Setup.class);
		ConfigurableApplicationContext second = this.instances.start(RecordedObservations.Setup.class);
		LockRequest request = LockRequest.exclusive("shared").withKey("order-7").withWaitTime(Duration.ofSeconds(30));
		LockHandle held = first.getBean(DistributedLockTemplate.class).acquire(request);
		CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
			second.getBean(DistributedLockTemplate.class).acquire(request).close();
		});
		assertThat(first.getBean(RecordedObservations.class).named(DefaultLockHoldObservationConvention.NAME))
			.isEmpty();
		held.close();
		waiting.get(1, TimeUnit.MINUTES);
		for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] { first, second }) {
			assertThat(instance.getBean(RecordedObservations.class).named(DefaultLockHoldObservationConvention.NAME))
				.singleElement()
				.satisfies((context) -> assertThat(RecordedObservations.low(context)).containsEntry("name", "shared")
					.containsEntry("mode", "EXCLUSIVE")
					.containsEntry("outcome", "released")
					.doesNotContainValue("order-7"));
		}
	}

	@Test
	void aHoldWhoseSessionExpiredEndsAsLost() {
		ConfigurableApplicationContext instance = this.instances.start(RecordedObservations.Setup.class);
		LockHandle held = instance.getBean(DistributedLockTemplate.class).acquire(LockRequest.exclusive("expiring"));
		ZkInstances.expireSession(instance);
		await().until(() -> held.state() == LockState.LOST);
		held.close();
		assertThat(instance.getBean(RecordedObservations.class).named(DefaultLockHoldObservationConvention.NAME))
			.singleElement()
			.satisfies((context) -> assertThat(RecordedObservations.low(context)).containsEntry("outcome", "lost"));
	}

	@Test
	void aConventionBeanOfTheApplicationReplacesTheDefault() {
		ConfigurableApplicationContext instance = this.instances
			.start(new Class<?>[] { RecordedObservations.Setup.class, CustomConvention.class });
		instance.getBean(DistributedLockTemplate.class).acquire(LockRequest.exclusive("custom").withKey("k-1")).close();
		RecordedObservations recorded = instance.getBean(RecordedObservations.class);
		assertThat(recorded.named(DefaultLockHoldObservationConvention.NAME)).isEmpty();
		assertThat(recorded.named("custom.hold")).singleElement()
			.satisfies((context) -> assertThat(RecordedObservations.low(context)).containsEntry("key", "k-1")
				.containsEntry("outcome", "released"));
	}

	@Test
	void anAcquireConventionBeanReplacesTheDefaultAndABusyLockIsObservedAsBusy() {
		ConfigurableApplicationContext holder = this.instances.start(RecordedObservations.Setup.class);
		ConfigurableApplicationContext other = this.instances
			.start(new Class<?>[] { RecordedObservations.Setup.class, CustomAcquireConvention.class });
		try (LockHandle held = holder.getBean(DistributedLockTemplate.class).acquire(LockRequest.exclusive("busy").withKey("k-2"))) {
			DistributedLockTemplate template = other.getBean(DistributedLockTemplate.class);
			org.assertj.core.api.Assertions.assertThatExceptionOfType(LockNotAcquiredException.class)
				.isThrownBy(() -> template.acquire(LockRequest.exclusive("busy").withKey("k-2")));
		}
		assertThat(holder.getBean(RecordedObservations.class).named(DefaultLockAcquireObservationConvention.NAME))
			.singleElement()
			.satisfies((context) -> assertThat(RecordedObservations.low(context)).containsEntry("outcome", "acquired"));
		RecordedObservations recorded = other.getBean(RecordedObservations.class);
		assertThat(recorded.named(DefaultLockAcquireObservationConvention.NAME)).isEmpty();
		assertThat(recorded.named("custom.acquire")).singleElement()
			.satisfies((context) -> assertThat(RecordedObservations.low(context)).containsEntry("key", "k-2")
				.containsEntry("outcome", "busy"));
	}

	@Configuration(proxyBeanMethods = false)
	@Import(Infrastructure.class)
	static class CustomAcquireConvention {

		@Bean
		LockAcquireObservationConvention customAcquireConvention() {
			return new DefaultLockAcquireObservationConvention() {

				@Override
				public String getName() {
					return "custom.acquire";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(LockAcquireContext context) {
					return super.getLowCardinalityKeyValues(context).and("key", String.valueOf(context.getLockKey()));
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
			LockAutoConfiguration.class })
	static class Infrastructure {

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Infrastructure.class)
	static class CustomConvention {

		@Bean
		LockHoldObservationConvention customHoldConvention() {
			return new DefaultLockHoldObservationConvention() {

				@Override
				public String getName() {
					return "custom.hold";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(LockHoldContext context) {
					return super.getLowCardinalityKeyValues(context).and("key", String.valueOf(context.getLockKey()));
				}

			};
		}

	}

}
