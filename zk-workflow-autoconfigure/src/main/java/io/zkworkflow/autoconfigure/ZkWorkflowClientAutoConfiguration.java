package io.zkworkflow.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import io.zkworkflow.internal.ConnectionTimeoutAlignment;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.security.internal.DigestCredentials;
import io.zkworkflow.security.internal.DigestSecurityCustomizer;
import io.zkworkflow.security.internal.TlsClientCustomizer;
import io.zkworkflow.security.internal.X509SecurityCustomizer;
import org.apache.curator.ensemble.EnsembleProvider;
import org.apache.curator.ensemble.fixed.FixedEnsembleProvider;
import org.apache.zookeeper.data.Id;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.zookeeper.ConditionalOnZookeeperEnabled;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Client-wide settings that go into the one {@code CuratorFramework} spring-cloud-zookeeper
 * builds, so discovery shares them: digest authentication with ACLs scoped to the root and the
 * live configuration tree, TLS with a Spring Boot SSL bundle, and a connect string from {@link ZooKeeperConnectionDetails}
 * (Testcontainers, Docker Compose).
 */
@AutoConfiguration(before = ZookeeperAutoConfiguration.class, after = SslAutoConfiguration.class)
@ConditionalOnZookeeperEnabled
@ConditionalOnBooleanProperty(name = "zk-workflow.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ZkWorkflowProperties.class)
public final class ZkWorkflowClientAutoConfiguration {

	// read by name: ConfigProperties lives in a package that depends on this one
	private static final String CONFIG_PREFIX = "zk-workflow.config";

	@Bean
	@ConditionalOnMissingBean(DigestSecurityCustomizer.class)
	@ConditionalOnProperty("zk-workflow.security.digest")
	DigestSecurityCustomizer zkWorkflowDigestSecurityCustomizer(ZkWorkflowProperties properties,
			Environment environment) {
		ZkWorkflowProperties.Security security = properties.getSecurity();
		String digest = security.getDigest();
		DigestCredentials owner = DigestCredentials.parse("zk-workflow.security.digest", (digest != null) ? digest : "");
		List<DigestCredentials> readers = security.getReadOnlyDigests()
			.stream()
			.map((value) -> DigestCredentials.parse("zk-workflow.security.read-only-digests", value))
			.toList();
		List<Id> rootReaders = security.getRootReaders().stream().map(ZkWorkflowClientAutoConfiguration::aclId).toList();
		return new DigestSecurityCustomizer(new ZkRoot(properties.getRootPath()), configRoot(environment), owner, readers,
				rootReaders);
	}

	@Bean
	@ConditionalOnMissingBean(TlsClientCustomizer.class)
	@ConditionalOnProperty("zk-workflow.ssl.bundle")
	TlsClientCustomizer zkWorkflowTlsClientCustomizer(ZkWorkflowProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		String name = properties.getSsl().getBundle();
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null || name == null) {
			throw new IllegalStateException("Property 'zk-workflow.ssl.bundle' names SSL bundle '" + name
					+ "', but the application has no SSL bundles; define it under 'spring.ssl.bundle.jks." + name
					+ "' or 'spring.ssl.bundle.pem." + name + "'");
		}
		try {
			return new TlsClientCustomizer(bundles.getBundle(name));
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException("Property 'zk-workflow.ssl.bundle' names SSL bundle '" + name
					+ "', which is not configured; define it under 'spring.ssl.bundle.jks." + name
					+ "' or 'spring.ssl.bundle.pem." + name + "', or remove the property for a plain connection", ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean(X509SecurityCustomizer.class)
	@ConditionalOnBooleanProperty("zk-workflow.security.x509")
	X509SecurityCustomizer zkWorkflowX509SecurityCustomizer(ZkWorkflowProperties properties, Environment environment,
			ObjectProvider<TlsClientCustomizer> tls) {
		ZkWorkflowProperties.Security security = properties.getSecurity();
		if (security.getDigest() != null) {
			throw new IllegalStateException("Properties 'zk-workflow.security.x509' and 'zk-workflow.security.digest'"
					+ " are both set; the client authenticates one way: remove one of them");
		}
		TlsClientCustomizer tlsClient = tls.getIfAvailable();
		Id owner = (tlsClient != null) ? tlsClient.x509Id() : null;
		if (owner == null) {
			throw new IllegalStateException("Property 'zk-workflow.security.x509' needs a client certificate:"
					+ " set 'zk-workflow.ssl.bundle' to an SSL bundle whose key store holds the client's key");
		}
		List<Id> readers = security.getReadOnlyDigests()
			.stream()
			.map((value) -> DigestCredentials.parse("zk-workflow.security.read-only-digests", value).id())
			.toList();
		List<Id> rootReaders = security.getRootReaders().stream().map(ZkWorkflowClientAutoConfiguration::aclId).toList();
		return new X509SecurityCustomizer(new ZkRoot(properties.getRootPath()), configRoot(environment), owner, readers,
				rootReaders);
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionTimeoutAlignment zkWorkflowConnectionTimeoutAlignment(Environment environment) {
		return new ConnectionTimeoutAlignment(environment.containsProperty("spring.cloud.zookeeper.connection-timeout"));
	}

	/**
	 * The live configuration tree lies outside the root (spring-cloud-zookeeper's layout) but
	 * may hold secrets, so the znodes zk-workflow creates there are protected too.
	 */
	private static List<ZkRoot> configRoot(Environment environment) {
		if (!environment.getProperty(CONFIG_PREFIX + ".enabled", Boolean.class, true)) {
			return List.of();
		}
		return List.of(new ZkRoot(environment.getProperty(CONFIG_PREFIX + ".root", "/config")));
	}

	private static Id aclId(String value) {
		int colon = value.indexOf(':');
		if (colon <= 0 || colon == value.length() - 1) {
			throw new IllegalArgumentException("Property 'zk-workflow.security.root-readers' has '" + value
					+ "'; each entry must be a ZooKeeper ACL id 'scheme:id', for example 'ip:10.0.0.0/8'");
		}
		return new Id(value.substring(0, colon), value.substring(colon + 1));
	}

	@Bean
	@ConditionalOnMissingBean(EnsembleProvider.class)
	@ConditionalOnBean(ZooKeeperConnectionDetails.class)
	EnsembleProvider zkWorkflowConnectionDetailsEnsembleProvider(List<ZooKeeperConnectionDetails> connectionDetails) {
		// Docker Compose gives one details bean per service: the services of an ensemble join
		return new FixedEnsembleProvider(connectionDetails.stream()
			.map(ZooKeeperConnectionDetails::getConnectString)
			.collect(Collectors.joining(",")));
	}

}
