package io.zkworkflow.config;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.zkworkflow.config.ConfigTestApps.PricingApp;
import io.zkworkflow.config.ConfigTestApps.PricingService;
import io.zkworkflow.config.internal.ZkConfigPropertySource;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.zkworkflow.config.ConfigTestApps.delete;
import static io.zkworkflow.config.ConfigTestApps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The spring-cloud-zookeeper tree layout, document znodes, and {@link ZkConfigTemplate}
 * transactions seen by two instances.
 */
class ConfigTransactionAndLayoutTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private CuratorFramework client;

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() throws Exception {
		this.client = zookeeper.newClient();
		delete(this.client, "/config");
		this.runner = ConfigTestApps.runner(zookeeper.connectString()).withUserConfiguration(PricingApp.class);
	}

	@Test
	void laterContextsWinAndProfilesOverrideAsDocumented() {
		ApplicationContextRunner prod = this.runner.withPropertyValues("spring.profiles.active=prod");
		prod.run((orders) -> this.runner.run((plain) -> {
			write(this.client, "/config/application/layer", "application");
			write(this.client, "/config/application,prod/layer", "application,prod");
			write(this.client, "/config/shop/layer", "shop");
			write(this.client, "/config/shop,prod/layer", "shop,prod");
			await().untilAsserted(() -> {
				assertThat(orders.getEnvironment().getProperty("layer")).isEqualTo("shop,prod");
				assertThat(plain.getEnvironment().getProperty("layer")).isEqualTo("shop");
			});
			delete(this.client, "/config/shop,prod/layer");
			await().untilAsserted(() -> assertThat(orders.getEnvironment().getProperty("layer")).isEqualTo("shop"));
			delete(this.client, "/config/shop/layer");
			await().untilAsserted(() -> {
				assertThat(orders.getEnvironment().getProperty("layer")).isEqualTo("application,prod");
				assertThat(plain.getEnvironment().getProperty("layer")).isEqualTo("application");
			});
		}));
	}

	@Test
	void aDocumentZnodeIsAppliedAsOneUnitAndAMalformedOneChangesNothing() {
		this.runner.run((first) -> this.runner.run((second) -> {
			write(this.client, "/config/shop/pricing/settings.yml", "max-items: 40\ndiscount-rate: 0.25\n");
			for (var context : new org.springframework.context.ApplicationContext[] { first, second }) {
				PricingService pricing = context.getBean(PricingService.class);
				await().untilAsserted(() -> {
					assertThat(pricing.maxItems).isEqualTo(40);
					assertThat(pricing.discountRate).isEqualTo(0.25);
				});
			}
			// one key of the document is invalid: the whole document is refused
			write(this.client, "/config/shop/pricing/settings.yml", "max-items: 0\ndiscount-rate: 0.5\n");
			write(this.client, "/config/shop/marker", "after-bad-document");
			for (var context : new org.springframework.context.ApplicationContext[] { first, second }) {
				PricingService pricing = context.getBean(PricingService.class);
				await().untilAsserted(() -> assertThat(context.getEnvironment().getProperty("marker")).isNotNull());
				assertThat(pricing.maxItems).isEqualTo(40);
				assertThat(pricing.discountRate).isEqualTo(0.25);
				assertThat(context.getEnvironment().getProperty("pricing.discount-rate")).isEqualTo("0.25");
			}
			write(this.client, "/config/shop/pricing/settings.yml", "max-items: [unclosed\n");
			write(this.client, "/config/shop/marker", "after-malformed-document");
			for (var context : new org.springframework.context.ApplicationContext[] { first, second }) {
				await().untilAsserted(() -> assertThat(context.getEnvironment().getProperty("marker"))
					.isEqualTo("after-malformed-document"));
				assertThat(context.getBean(PricingService.class).maxItems).isEqualTo(40);
			}
		}));
	}

	@Test
	void aReaderNeverSeesHalfOfATransaction() {
		this.runner.run((writer) -> this.runner.run((reader) -> {
			ZkConfigTemplate template = writer.getBean(ZkConfigTemplate.class);
			ZkConfigPropertySource source = reader.getBean(ZkConfigPropertySource.class);
			AtomicBoolean done = new AtomicBoolean();
			AtomicReference<String> mixed = new AtomicReference<>();
			Thread sampler = new Thread(() -> {
				while (!done.get() && mixed.get() == null) {
					Map<String, String> values = source.values();
					String a = values.get("tx.a");
					String b = values.get("tx.b");
					String c = values.get("tx.c");
					if (a != null && (!a.equals(b) || !a.equals(c))) {
						mixed.set(a + "/" + b + "/" + c);
					}
				}
			});
			sampler.start();
			int version = template.version();
			for (int i = 0; i < 150; i++) {
				version = template.publish(Map.of("tx.a", i, "tx.b", i, "tx.c", i), version);
			}
			await().untilAsserted(() -> assertThat(source.values().get("tx.a")).isEqualTo("149"));
			done.set(true);
			sampler.join();
			assertThat(mixed.get()).as("a mix of old and new keys").isNull();
			assertThat(source.values()).containsEntry("tx.b", "149").containsEntry("tx.c", "149");
		}));
	}

	@Test
	void aStaleVersionIsRefusedAndNothingIsWritten() {
		this.runner.run((first) -> this.runner.run((second) -> {
			ZkConfigTemplate one = first.getBean(ZkConfigTemplate.class);
			ZkConfigTemplate two = second.getBean(ZkConfigTemplate.class);
			int seen = one.version();
			assertThat(two.version()).isEqualTo(seen);
			two.publish(Map.of("stale.a", "from-two"), seen);
			assertThatExceptionOfType(ZkConfigVersionConflictException.class)
				.isThrownBy(() -> one.publish(Map.of("stale.a", "from-one", "stale.b", "from-one"), seen))
				.withMessageContaining("/config/shop")
				.withMessageContaining("not the expected " + seen);
			await().untilAsserted(() -> assertThat(first.getEnvironment().getProperty("stale.a")).isEqualTo("from-two"));
			assertThat(this.client.checkExists().forPath("/config/shop/stale.b")).isNull();
		}));
	}

	@Test
	void publishRefusesAValueThisInstanceWouldRefuse() {
		this.runner.run((context) -> {
			ZkConfigTemplate template = context.getBean(ZkConfigTemplate.class);
			assertThatExceptionOfType(ZkConfigRejectedException.class)
				.isThrownBy(() -> template.publish("pricing.max-items", 0))
				.withMessageContaining("pricing.max-items")
				.withMessageContaining("greater than or equal to 1")
				.withMessageContaining("Nothing was written");
			assertThat(this.client.checkExists().forPath("/config/shop/pricing.max-items")).isNull();
			template.publish("pricing.max-items", 7);
			template.publish("/legacy/feature-flags/checkout", true);
			PricingService pricing = context.getBean(PricingService.class);
			await().untilAsserted(() -> {
				assertThat(pricing.maxItems).isEqualTo(7);
				assertThat(pricing.checkout).isTrue();
			});
		});
	}

}
