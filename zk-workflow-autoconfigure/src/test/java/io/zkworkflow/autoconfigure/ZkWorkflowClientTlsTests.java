package io.zkworkflow.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.zkworkflow.security.internal.DigestSecurityCustomizer;
import io.zkworkflow.security.internal.TlsClientCustomizer;
import io.zkworkflow.security.internal.X509SecurityCustomizer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
					"spring.ssl.bundle.jks.zk.truststore.type=PKCS12",
					"spring.ssl.bundle.jks.other.keystore.location=file:" + zookeeper.otherKeyStore(),
					"spring.ssl.bundle.jks.other.keystore.password=" + TlsZooKeeperServer.PASSWORD,
					"spring.ssl.bundle.jks.other.keystore.type=PKCS12",
					"spring.ssl.bundle.jks.other.truststore.location=file:" + zookeeper.trustStore(),
					"spring.ssl.bundle.jks.other.truststore.password=" + TlsZooKeeperServer.PASSWORD,
					"spring.ssl.bundle.jks.other.truststore.type=PKCS12");
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

	@Test
	void x509ZnodesBelongToTheClientCertificate() {
		runner().withPropertyValues("zk-workflow.ssl.bundle=zk", "zk-workflow.security.x509=true",
				"zk-workflow.root-path=/x509-owned")
			.run((owner) -> {
				assertThat(owner).hasSingleBean(X509SecurityCustomizer.class).doesNotHaveBean(DigestSecurityCustomizer.class);
				CuratorFramework curator = owner.getBean(CuratorFramework.class);
				curator.create().creatingParentsIfNeeded().forPath("/x509-owned/secret", "mine".getBytes());
				assertThat(curator.getACL().forPath("/x509-owned/secret"))
					.containsExactly(new ACL(ZooDefs.Perms.ALL, new Id("x509", "CN=zk-workflow-test")));
				assertThat(new String(curator.getData().forPath("/x509-owned/secret"))).isEqualTo("mine");
				// another trusted client, another certificate: another identity, no access
				runner().withPropertyValues("zk-workflow.ssl.bundle=other").run((other) -> {
					CuratorFramework otherCurator = other.getBean(CuratorFramework.class);
					assertThatExceptionOfType(KeeperException.NoAuthException.class)
						.isThrownBy(() -> otherCurator.getData().forPath("/x509-owned/secret"));
				});
			});
	}

	@Test
	void x509WithoutABundleFailsStartupNamingTheProperty() {
		runner().withPropertyValues("zk-workflow.security.x509=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("zk-workflow.security.x509")
				.hasStackTraceContaining("zk-workflow.ssl.bundle");
		});
	}

	@Test
	void x509AndDigestTogetherFailStartup() {
		runner().withPropertyValues("zk-workflow.ssl.bundle=zk", "zk-workflow.security.x509=true",
				"zk-workflow.security.digest=app:secret")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("zk-workflow.security.x509")
					.hasStackTraceContaining("zk-workflow.security.digest");
			});
	}

}
