package io.zkworkflow.config;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import io.zkworkflow.config.ConfigTestApps.PricingApp;
import io.zkworkflow.config.ConfigTestApps.PricingService;
import io.zkworkflow.config.ConfigTestApps.Rejected;
import io.zkworkflow.config.internal.ConfigStatusSection;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.zkworkflow.config.ConfigTestApps.delete;
import static io.zkworkflow.config.ConfigTestApps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Startup: the snapshot file when ZooKeeper is down, required keys, invalid values at startup,
 * non-volatile fields, and masking of sensitive values.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigStartupTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private CuratorFramework client;

	@BeforeEach
	void setUp() throws Exception {
		this.client = zookeeper.newClient();
		delete(this.client, "/config");
	}

	@Test
	@SuppressWarnings("unchecked")
	void startsFromTheSnapshotWhenZooKeeperIsUnreachableAndCatchesUpOnceItIsBack(@TempDir Path directory)
			throws Exception {
		Path snapshot = directory.resolve("config-snapshot.json");
		write(this.client, "/config/shop/pricing.discount-rate", "0.33");
		ConfigTestApps.runner(zookeeper.connectString())
			.withUserConfiguration(PricingApp.class)
			.withPropertyValues("zk-workflow.config.snapshot-file=" + snapshot)
			.run((live) -> {
				write(this.client, "/config/shop/pricing.currency", "SEK");
				await().untilAsserted(() -> assertThat(snapshot).exists().content().contains("SEK").contains("0.33"));
			});
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot))).isEqualTo("rw-------");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ApplicationContextRunner offline = ConfigTestApps.runner("127.0.0.1:" + port)
			.withUserConfiguration(PricingApp.class)
			.withPropertyValues("zk-workflow.config.snapshot-file=" + snapshot,
					"spring.cloud.zookeeper.block-until-connected-wait=1");
		offline.run((context) -> {
			assertThat(context).hasNotFailed();
			PricingService pricing = context.getBean(PricingService.class);
			assertThat(pricing.discountRate).isEqualTo(0.33);
			assertThat(pricing.currency).isEqualTo("SEK");
			ConfigStatusSection status = context.getBean(ConfigStatusSection.class);
			assertThat(status.isDegraded()).isTrue();
			assertThat(((Map<String, Object>) status.snapshot()).get("source")).isEqualTo("snapshot");
			var health = context.getBean(io.zkworkflow.actuate.internal.ZkWorkflowHealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(io.zkworkflow.actuate.internal.ZkWorkflowHealthIndicator.DEGRADED);
			try (TestingServer server = new TestingServer(port, true)) {
				try (CuratorFramework other = org.apache.curator.framework.CuratorFrameworkFactory
					.newClient(server.getConnectString(), new org.apache.curator.retry.RetryOneTime(100))) {
					other.start();
					write(other, "/config/shop/pricing.discount-rate", "0.44");
				}
				await().untilAsserted(() -> {
					assertThat(pricing.discountRate).isEqualTo(0.44);
					assertThat(pricing.currency).isEqualTo("USD");
					assertThat(status.isDegraded()).isFalse();
					assertThat(health.health().getStatus())
						.isEqualTo(org.springframework.boot.health.contributor.Status.UP);
				});
			}
		});
	}

	@Test
	void aRequiredKeyWithoutAValueFailsStartupNamingTheKeyAndThePathsSearched() {
		ConfigTestApps.runner(zookeeper.connectString()).withUserConfiguration(RequiredApp.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Required configuration key 'payments.endpoint'")
				.hasMessageContaining("/config/application/payments.endpoint")
				.hasMessageContaining("/config/shop/payments/endpoint")
				.hasMessageContaining("defaultValue");
		});
	}

	@Test
	void anInvalidValueAtStartupFailsOnlyWhenAskedTo() throws Exception {
		write(this.client, "/config/shop/payments.endpoint", "https://pay.example");
		write(this.client, "/config/shop/payments.retries", "many");
		ConfigTestApps.runner(zookeeper.connectString()).withUserConfiguration(RequiredApp.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("'payments.retries'")
				.hasStackTraceContaining("onInvalid = FAIL");
		});
		write(this.client, "/config/shop/payments.retries", "3");
		ConfigTestApps.runner(zookeeper.connectString()).withUserConfiguration(RequiredApp.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Payments.class).retries).isEqualTo(3);
			assertThat(context.getBean(Payments.class).endpoint).isEqualTo("https://pay.example");
		});
	}

	@Test
	void aPlainFieldGetsAWarningNamingIt(CapturedOutput output) {
		ConfigTestApps.runner(zookeeper.connectString()).withUserConfiguration(PlainFieldApp.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("PlainField.limit").contains("not volatile").contains("ZkValue<Integer>");
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void sensitiveValuesAreMaskedInRejectionsLogsAndStatus(CapturedOutput output) throws Exception {
		ConfigTestApps.runner(zookeeper.connectString())
			.withUserConfiguration(PricingApp.class)
			.withBean(ZkConfigValidator.class, () -> (key, value) -> (key.equals("db.password") && value != null
					&& value.length() < 8) ? "passwords need at least 8 characters" : null)
			.run((context) -> {
				write(this.client, "/config/shop/db.password", "longenough-secret");
				await().untilAsserted(
						() -> assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("longenough-secret"));
				write(this.client, "/config/shop/db.password", "short");
				Rejected rejected = context.getBean(Rejected.class);
				await().untilAsserted(() -> assertThat(rejected.events).anySatisfy((event) -> {
					assertThat(event.getKey()).isEqualTo("db.password");
					assertThat(event.getMaskedValue()).isEqualTo("******");
					assertThat(event.getReason()).contains("at least 8 characters");
				}));
				assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("longenough-secret");
				Map<String, Object> keys = (Map<String, Object>) ((Map<String, Object>) context
					.getBean(ConfigStatusSection.class)
					.snapshot()).get("keys");
				assertThat(keys.get("db.password").toString()).doesNotContain("longenough").doesNotContain("short");
				assertThat(output).doesNotContain("longenough-secret").doesNotContain("value short");
			});
	}

	static class Payments {

		@ZkConfigValue(key = "payments.endpoint", required = true)
		volatile String endpoint;

		@ZkConfigValue(key = "payments.retries", defaultValue = "1", onInvalid = ZkConfigValue.OnInvalid.FAIL)
		volatile int retries;

	}

	@Configuration(proxyBeanMethods = false)
	static class RequiredApp {

		@Bean
		Payments payments() {
			return new Payments();
		}

	}

	static class PlainField {

		@ZkConfigValue(key = "limits.limit", defaultValue = "5")
		Integer limit;

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainFieldApp {

		@Bean
		PlainField plainField() {
			return new PlainField();
		}

	}

}
