package io.zkworkflow.security.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;

import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.data.Id;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.cloud.zookeeper.CuratorFrameworkCustomizer;

/**
 * Makes the one client that spring-cloud-zookeeper builds talk TLS (ZooKeeper's Netty client
 * socket) with the key and trust material of a Spring Boot SSL bundle. The server can then
 * authenticate the client by its certificate ({@code x509} scheme) instead of a digest.
 * <p>
 * ZooKeeper's client reads key and trust stores only from files, so the bundle's stores, PEM or
 * JKS alike, are copied into owner-readable PKCS12 files with a random password that live as long
 * as the JVM.
 */
public class TlsClientCustomizer implements CuratorFrameworkCustomizer {

	private final ZKClientConfig clientConfig;

	private final @Nullable Id x509Id;

	public TlsClientCustomizer(SslBundle bundle) {
		this.clientConfig = clientConfig(bundle);
		this.x509Id = x509Id(bundle.getStores().getKeyStore());
	}

	/**
	 * The identity a ZooKeeper server gives this client when it authenticates it by its
	 * certificate: the {@code x509} scheme and the certificate's subject.
	 * @return the identity, or {@code null} when the bundle has no client certificate
	 */
	public @Nullable Id x509Id() {
		return this.x509Id;
	}

	private static @Nullable Id x509Id(@Nullable KeyStore keyStore) {
		if (keyStore == null) {
			return null;
		}
		try {
			for (String alias : Collections.list(keyStore.aliases())) {
				if (keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) instanceof X509Certificate certificate) {
					// the name ZooKeeper's X509AuthenticationProvider records for the client
					return new Id("x509", certificate.getSubjectX500Principal().getName());
				}
			}
			return null;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not read the SSL bundle's key store for the ZooKeeper client", ex);
		}
	}

	@Override
	public void customize(CuratorFrameworkFactory.Builder builder) {
		builder.zkClientConfig(this.clientConfig);
	}

	/**
	 * The settings the client connects with.
	 * @return the client configuration
	 */
	public ZKClientConfig getClientConfig() {
		return this.clientConfig;
	}

	private static ZKClientConfig clientConfig(SslBundle bundle) {
		ZKClientConfig config = new ZKClientConfig();
		config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ClientCnxnSocketNetty.class.getName());
		config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
		try (ClientX509Util x509 = new ClientX509Util()) {
			String password = randomPassword();
			KeyStore keyStore = bundle.getStores().getKeyStore();
			if (keyStore != null) {
				String keyPassword = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
						: bundle.getStores().getKeyStorePassword();
				Path file = write("key", copy(keyStore, keyPassword, password), password);
				config.setProperty(x509.getSslKeystoreLocationProperty(), file.toString());
				config.setProperty(x509.getSslKeystorePasswdProperty(), password);
				config.setProperty(x509.getSslKeystoreTypeProperty(), "PKCS12");
			}
			KeyStore trustStore = bundle.getStores().getTrustStore();
			if (trustStore != null) {
				Path file = write("trust", copy(trustStore, null, password), password);
				config.setProperty(x509.getSslTruststoreLocationProperty(), file.toString());
				config.setProperty(x509.getSslTruststorePasswdProperty(), password);
				config.setProperty(x509.getSslTruststoreTypeProperty(), "PKCS12");
			}
		}
		return config;
	}

	private static KeyStore copy(KeyStore source, @Nullable String keyPassword, String password) {
		try {
			KeyStore target = KeyStore.getInstance("PKCS12");
			target.load(null, null);
			for (String alias : Collections.list(source.aliases())) {
				if (source.isKeyEntry(alias)) {
					Key key = source.getKey(alias, (keyPassword != null) ? keyPassword.toCharArray() : new char[0]);
					Certificate[] chain = source.getCertificateChain(alias);
					target.setKeyEntry(alias, key, password.toCharArray(), chain);
				}
				else {
					target.setCertificateEntry(alias, source.getCertificate(alias));
				}
			}
			return target;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not read the SSL bundle's stores for the ZooKeeper client", ex);
		}
	}

	private static Path write(String kind, KeyStore store, String password) {
		try {
			Path file = Files.createTempFile("zk-workflow-" + kind, ".p12");
			file.toFile().deleteOnExit();
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the temporary directory's own protection applies
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				store.store(out, password.toCharArray());
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the ZooKeeper client's " + kind + " store", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not write the ZooKeeper client's " + kind + " store", ex);
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
