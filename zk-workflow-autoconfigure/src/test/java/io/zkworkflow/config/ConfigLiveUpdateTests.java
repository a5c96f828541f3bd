package io.zkworkflow.config;

import java.time.Duration;
import java.util.Map;

import io.zkworkflow.config.ConfigTestApps.Mode;
import io.zkworkflow.config.ConfigTestApps.PricingApp;
import io.zkworkflow.config.ConfigTestApps.PricingService;
import io.zkworkflow.config.ConfigTestApps.Rejected;
import io.zkworkflow.config.ConfigTestApps.ShopProperties;
import io.zkworkflow.config.internal.ConfigStatusSection;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.zkworkflow.config.ConfigTestApps.delete;
import static io.zkworkflow.config.ConfigTestApps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changes in ZooKeeper reach every kind of injection point in two running instances; bad
 * values never do.
 */
class ConfigLiveUpdateTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private CuratorFramework client;

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() throws Exception {
		this.client = zookeeper.newClient();
		delete(this.client, "/config");
		delete(this.client, "/legacy");
		write(this.client, "/config/application/pricing.currency", "EUR");
		write(this.client, "/config/shop/shop/greeting", "hi from zookeeper");
		this.runner = ConfigTestApps.runner(zookeeper.connectString()).withUserConfiguration(PricingApp.class);
	}

	@Test
	void zookeeperValuesAreInPlaceOnceTheContextIsRefreshed() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getEnvironment().getProperty("pricing.currency")).isEqualTo("EUR");
			assertThat(context.getBean(PricingService.class).currency).isEqualTo("EUR");
			assertThat(context.getBean(ShopProperties.class).getGreeting()).isEqualTo("hi from zookeeper");
			assertThat(context.getBean(PricingService.class).discountRate).isEqualTo(0.05);
		});
	}

	@Test
	void aChangeReachesEveryInjectionPointInEveryInstance() {
		this.runner.run((first) -> this.runner.run((second) -> {
			assertThat(first).hasNotFailed();
			assertThat(second).hasNotFailed();
			write(this.client, "/config/application/pricing/discount-rate", "0.1");
			write(this.client, "/config/shop/pricing.rules", "{\"minimum\": 3, \"regions\": [\"eu\", \"us\"]}");
			write(this.client, "/legacy/feature-flags/checkout", "true");
			write(this.client, "/config/shop/pricing.currency", "GBP");
			write(this.client, "/config/shop/shop/greeting", "bonjour");
			for (AssertableApplicationContext context : new AssertableApplicationContext[] { first, second }) {
				PricingService pricing = context.getBean(PricingService.class);
				await().untilAsserted(() -> {
					assertThat(pricing.discountRate).isEqualTo(0.1);
					assertThat(pricing.rules.get()).isEqualTo(new ConfigTestApps.PricingRules(3, java.util.List.of("eu", "us")));
					assertThat(pricing.checkout).isTrue();
					assertThat(pricing.currency).isEqualTo("GBP");
					assertThat(context.getEnvironment().getProperty("pricing.currency")).isEqualTo("GBP");
					assertThat(context.getBean(ShopProperties.class).getGreeting()).isEqualTo("bonjour");
					assertThat(pricing.events).anySatisfy((event) -> {
						assertThat(event.key()).isEqualTo("pricing.discount-rate");
						assertThat(event.newValue()).isEqualTo("0.1");
						assertThat(event.znodePath()).isEqualTo("/config/application/pricing/discount-rate");
					});
				});
			}
		}));
	}

	@Test
	void badValuesAreNeverAppliedAndTheLastGoodValueStays() {
		this.runner.run((first) -> this.runner.run((second) -> {
			write(this.client, "/config/shop/pricing.max-items", "20");
			write(this.client, "/config/shop/pricing.rules", "{\"minimum\": 1, \"regions\": [\"eu\"]}");
			write(this.client, "/config/shop/pricing.mode", "SALE");
			for (AssertableApplicationContext context : new AssertableApplicationContext[] { first, second }) {
				PricingService pricing = context.getBean(PricingService.class);
				await().untilAsserted(() -> {
					assertThat(pricing.maxItems).isEqualTo(20);
					assertThat(pricing.mode).isEqualTo(Mode.SALE);
					assertThat(pricing.rules.get()).isNotNull();
				});
			}
			refused(first, second, "/config/shop/pricing.max-items", "abc", "pricing.max-items");
			refused(first, second, "/config/shop/pricing.max-items", "0", "pricing.max-items");
			refused(first, second, "/config/shop/pricing.rules", "{\"minimum\": 2, ", "pricing.rules");
			refused(first, second, "/config/shop/pricing.rules", "{\"minimum\": -5, \"regions\": [\"eu\"]}",
					"pricing.rules");
			refused(first, second, "/config/shop/pricing.mode", "CLEARANCE", "pricing.mode");
			for (AssertableApplicationContext context : new AssertableApplicationContext[] { first, second }) {
				PricingService pricing = context.getBean(PricingService.class);
				assertThat(pricing.maxItems).isEqualTo(20);
				assertThat(pricing.mode).isEqualTo(Mode.SALE);
				assertThat(pricing.rules.get().minimum()).isEqualTo(1);
				assertThat(context.getEnvironment().getProperty("pricing.max-items")).isEqualTo("20");
				assertThat(context.getEnvironment().getProperty("pricing.mode")).isEqualTo("SALE");
			}
			write(this.client, "/config/shop/pricing.max-items", "30");
			write(this.client, "/config/shop/pricing.mode", "STANDARD");
			for (AssertableApplicationContext context : new AssertableApplicationContext[] { first, second }) {
				PricingService pricing = context.getBean(PricingService.class);
				await().untilAsserted(() -> {
					assertThat(pricing.maxItems).isEqualTo(30);
					assertThat(pricing.mode).isEqualTo(Mode.STANDARD);
				});
			}
		}));
	}

	@SuppressWarnings("unchecked")
	private void refused(AssertableApplicationContext first, AssertableApplicationContext second, String path,
			String value, String key) throws Exception {
		int before = first.getBean(Rejected.class).events.size();
		write(this.client, path, value);
		for (AssertableApplicationContext context : new AssertableApplicationContext[] { first, second }) {
			await().untilAsserted(() -> assertThat(context.getBean(Rejected.class).events).anySatisfy((event) -> {
				assertThat(event.getKey()).isEqualTo(key);
				assertThat(event.getMaskedValue()).isEqualTo(value);
			}));
			Map<String, Object> section = (Map<String, Object>) context.getBean(ConfigStatusSection.class)
				.snapshot((shownKey, shownValue) -> shownValue);
			Map<String, Object> entry = (Map<String, Object>) ((Map<String, Object>) section.get("keys")).get(key);
			assertThat(((Map<String, Object>) entry.get("lastRejection")).get("value")).isEqualTo(value);
		}
		assertThat(first.getBean(Rejected.class).events.size()).isGreaterThan(before);
		first.getBean(Rejected.class).events.clear();
		second.getBean(Rejected.class).events.clear();
	}

	@Test
	void deletingAZnodeRestoresTheDefault() {
		this.runner.run((first) -> this.runner.run((second) -> {
			write(this.client, "/config/shop/pricing.discount-rate", "0.2");
			write(this.client, "/config/shop/pricing.currency", "CHF");
			for (AssertableApplicationContext context : new AssertableApplicationContext[] { first, second }) {
				await().untilAsserted(() -> assertThat(context.getBean(PricingService.class).discountRate).isEqualTo(0.2));
				await().untilAsserted(() -> assertThat(context.getBean(PricingService.class).currency).isEqualTo("CHF"));
			}
			delete(this.client, "/config/shop/pricing.discount-rate");
			delete(this.client, "/config/shop/pricing.currency");
			delete(this.client, "/config/application/pricing.currency");
			for (AssertableApplicationContext context : new AssertableApplicationContext[] { first, second }) {
				PricingService pricing = context.getBean(PricingService.class);
				await().untilAsserted(() -> {
					assertThat(pricing.discountRate).isEqualTo(0.05);
					assertThat(pricing.currency).isEqualTo("USD");
					assertThat(context.getEnvironment().containsProperty("pricing.currency")).isFalse();
				});
			}
		}));
	}

	@Test
	void aSlowListenerDoesNotHoldUpTheOthers() {
		this.runner.withPropertyValues("zk-workflow.config.listener-timeout=500ms")
			.withBean("slow", SlowListener.class)
			.run((context) -> {
				PricingService pricing = context.getBean(PricingService.class);
				SlowListener slow = context.getBean(SlowListener.class);
				write(this.client, "/config/shop/pricing.discount-rate", "0.3");
				write(this.client, "/config/shop/pricing.discount-rate", "0.4");
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(pricing.events).anySatisfy((event) -> assertThat(event.newValue()).isEqualTo("0.4"));
					assertThat(pricing.discountRate).isEqualTo(0.4);
				});
				await().untilAsserted(() -> assertThat(slow.interrupted).isTrue());
			});
	}

	static class SlowListener {

		volatile boolean interrupted;

		@ZkConfigListener
		void onChange(ZkConfigChangeEvent event) {
			try {
				new java.util.concurrent.CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				this.interrupted = true;
			}
		}

	}

}
