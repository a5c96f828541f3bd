package io.zkworkflow.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.config.ConfigAutoConfiguration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application the config tests start several times, each instance with its own
 * ZooKeeper session through spring-cloud-zookeeper's auto-configuration.
 */
final class ConfigTestApps {

	private ConfigTestApps() {
	}

	static ApplicationContextRunner runner(String connectString) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
					ConfigAutoConfiguration.class, JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
					ConfigurationPropertiesRebinderAutoConfiguration.class,
					io.zkworkflow.autoconfigure.actuate.ZkWorkflowHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.cloud.zookeeper.connect-string=" + connectString,
					"spring.cloud.zookeeper.session-timeout=4s", "spring.cloud.zookeeper.connection-timeout=2s",
					"spring.application.name=shop");
	}

	static void write(CuratorFramework client, String path, String value) throws Exception {
		client.create().orSetData().creatingParentsIfNeeded().forPath(path, value.getBytes(StandardCharsets.UTF_8));
	}

	static void delete(CuratorFramework client, String path) throws Exception {
		try {
			client.delete().deletingChildrenIfNeeded().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			// already gone
		}
	}

	enum Mode {

		STANDARD, SALE

	}

	record PricingRules(@Min(0) int minimum, @NotEmpty List<String> regions) {
	}

	/** A bean with every kind of injection point. */
	static class PricingService {

		@ZkConfigValue(key = "pricing.discount-rate", defaultValue = "0.05")
		volatile double discountRate;

		@ZkConfigValue(key = "pricing.max-items", defaultValue = "10")
		@Min(1)
		@Max(1000)
		volatile int maxItems;

		@ZkConfigValue(key = "pricing.mode", defaultValue = "STANDARD")
		volatile Mode mode;

		@ZkConfigValue(key = "pricing.rules")
		ZkValue<PricingRules> rules;

		@Value("${pricing.currency:USD}")
		volatile String currency;

		volatile boolean checkout;

		final List<ZkConfigChangeEvent> events = new CopyOnWriteArrayList<>();

		final List<PricingRules> rulesSeen = new CopyOnWriteArrayList<>();

		@ZkConfigValue("/legacy/feature-flags/checkout")
		void setCheckoutFlag(boolean enabled) {
			this.checkout = enabled;
		}

		@ZkConfigListener(prefixes = "pricing.")
		void onPricingChange(ZkConfigChangeEvent event) {
			this.events.add(event);
		}

	}

	@ConfigurationProperties("shop")
	static class ShopProperties {

		/** Greeting. */
		private String greeting = "hello";

		public String getGreeting() {
			return this.greeting;
		}

		public void setGreeting(String greeting) {
			this.greeting = greeting;
		}

	}

	/** Collects rejections. */
	static class Rejected implements ApplicationListener<ZkConfigRejectedEvent> {

		final List<ZkConfigRejectedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ZkConfigRejectedEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ShopProperties.class)
	static class PricingApp {

		@Bean
		PricingService pricingService() {
			return new PricingService();
		}

		@Bean
		Rejected rejected() {
			return new Rejected();
		}

	}

}
