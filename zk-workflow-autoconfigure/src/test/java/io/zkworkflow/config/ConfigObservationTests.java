package io.zkworkflow.config;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.zkworkflow.observation.RecordedObservations;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.zkworkflow.config.ConfigTestApps.delete;
import static io.zkworkflow.config.ConfigTestApps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every instance observes the changes it applies and the values it refuses; a convention bean
 * of the application replaces the default.
 */
class ConfigObservationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private CuratorFramework client;

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() throws Exception {
		this.client = zookeeper.newClient();
		delete(this.client, "/config");
		delete(this.client, "/legacy");
		this.runner = ConfigTestApps.runner(zookeeper.connectString())
			.withUserConfiguration(ConfigTestApps.PricingApp.class, RecordedObservations.Setup.class);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void everyInstanceObservesWhatItAppliesAndWhatItRefuses() {
		this.runner.run((first) -> this.runner.run((second) -> {
			write(this.client, "/config/shop/pricing.discount-rate", "0.2");
			write(this.client, "/config/shop/pricing.max-items", "5000");
			for (AssertableApplicationContext context : new AssertableApplicationContext[] { first, second }) {
				RecordedObservations recorded = context.getBean(RecordedObservations.class);
				await().untilAsserted(() -> {
					assertThat(recorded.named(DefaultConfigApplyObservationConvention.NAME))
						.anySatisfy((apply) -> assertThat(RecordedObservations.high(apply)
							.get("config.keys")).contains("pricing.discount-rate"));
					assertThat(recorded.named(DefaultConfigRejectObservationConvention.NAME)).singleElement()
						.satisfies((reject) -> {
							assertThat(RecordedObservations.low(reject)).containsEntry("kind", "invalid");
							assertThat(RecordedObservations.high(reject)).containsEntry("config.key", "pricing.max-items")
								.doesNotContainValue("5000");
						});
				});
			}
		}));
	}

	@Test
	void aConventionBeanOfTheApplicationReplacesTheDefault() {
		this.runner.withUserConfiguration(CustomConvention.class).run((context) -> {
			write(this.client, "/config/shop/pricing.discount-rate", "0.3");
			RecordedObservations recorded = context.getBean(RecordedObservations.class);
			await().until(() -> !recorded.named("custom.apply").isEmpty());
			assertThat(recorded.named(DefaultConfigApplyObservationConvention.NAME)).isEmpty();
			Observation.Context apply = recorded.named("custom.apply").get(0);
			assertThat(RecordedObservations.low(apply)).containsEntry("first", "pricing.discount-rate");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConvention {

		@Bean
		ConfigApplyObservationConvention customApplyConvention() {
			return new DefaultConfigApplyObservationConvention() {

				@Override
				public String getName() {
					return "custom.apply";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(ConfigApplyContext context) {
					return KeyValues.of("first", context.getKeys().get(0));
				}

			};
		}

	}

}
