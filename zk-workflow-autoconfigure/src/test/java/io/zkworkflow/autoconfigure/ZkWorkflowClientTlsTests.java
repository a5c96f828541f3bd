package io.zkworkflow.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.zkworkflow.security.internal.TlsClientCustomizer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zk-workflow.ssl.bundle}: the shared client talks TLS to a ZooKeeper server that
 * accepts nothing else, with key and trust material from a Spring Boot SSL bundle.
 */
class ZkWorkflowClientTlsTests {

	@RegisterExtension
	static final TlsZooKeeperServer zookeeper = new TlsZooKeeperServer();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class,
					ZkWorkflowClientAutoConfiguration.class, ZookeeperAutoConfiguration.class))
			.withPropertyValues("spring.cloud.zookeeper.connect-string=" + zookeeper.connectString(),
					"spring.cloud.zookeeper.discovery.enabled=false",
					"spring.ssl.bundle.jks.zk.keystore.location=file:" + zookeeper.keyStore(),
					"spring.ssl.bundle.jks.zk.keystore.password=" + TlsZooKeeperServer.PASSWORD,
					"spring.ssl.bundle.jks.zk.keystore.type=PKCS12",
					"spring.ssl.bundle.jks.zk.truststore.location=file:" + zookeeper.trustStore(),
					"spring.ssl.bundle.jks.zk.truststore.password=" + TlsZooKeeperServer.PASSWORD,
					"spring.ssl.bundle.jks.zk.truststore.type=PKCS12");
	}

	@Test
	void clientWithTheBundleConnectsOverTls() {
		runner().withPropertyValues("zk-workflow.ssl.bundle=zk").run((context) -> {
			assertThat(context).hasSingleBean(TlsClientCustomizer.class);
			CuratorFramework curator = context.getBean(CuratorFramework.class);
			assertThat(curator.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
			curator.create().creatingParentsIfNeeded().forPath("/tls/written", "over tls".getBytes());
			assertThat(new String(curator.getData().forPath("/tls/written"))).isEqualTo("over tls");
			assertThat(curator.getZookeeperClient().getZooKeeper().getClientConfig().getBoolean("zookeeper.client.secure"))
				.isTrue();
		});
	}

	@Test
	void withoutTheBundleTheClientStaysPlain() {
		runner().run((context) -> assertThat(context).doesNotHaveBean(TlsClientCustomizer.class));
	}

	@Test
	void plainClientIsRefused() throws InterruptedException {
		try (CuratorFramework plain = CuratorFrameworkFactory.builder()
			.connectString(zookeeper.connectString())
			.retryPolicy(new RetryOneTime(100))
			.connectionTimeoutMs(2000)
			.build()) {
			plain.start();
			assertThat(plain.blockUntilConnected(5, TimeUnit.SECONDS)).isFalse();
		}
	}

	@Test
	void unknownBundleFailsStartupNamingIt() {
		runner().withPropertyValues("zk-workflow.ssl.bundle=no-such-bundle").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("zk-workflow.ssl.bundle")
				.hasStackTraceContaining("'no-such-bundle'")
				.hasStackTraceContaining("spring.ssl.bundle.jks.no-such-bundle");
		});
	}

}
