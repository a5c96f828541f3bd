package io.zkworkflow.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.internal.ZkRoot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by every zk-workflow capability. Capabilities have their own prefixes below
 * 'zk-workflow' ('zk-workflow.lock', 'zk-workflow.config', ...).
 */
@ConfigurationProperties(ZkWorkflowProperties.PREFIX)
public class ZkWorkflowProperties {

	/** Prefix of every zk-workflow property. */
	public static final String PREFIX = "zk-workflow";

	/**
	 * Whether zk-workflow is enabled. When false, none of its beans are created and the
	 * application uses ZooKeeper only through spring-cloud-zookeeper.
	 */
	private boolean enabled = true;

	/**
	 * Znode under which zk-workflow keeps everything it writes. Absolute, without a trailing
	 * slash. Discovery keeps its own root ('spring.cloud.zookeeper.discovery.root').
	 */
	private String rootPath = ZkRoot.DEFAULT_PATH;

	/**
	 * Whether startup fails when ZooKeeper cannot be reached within
	 * 'spring.cloud.zookeeper.block-until-connected-wait'. When false the application
	 * starts and the 'zkworkflow' health shows DOWN until a connection is made.
	 */
	private boolean failFast = false;

	private final Security security = new Security();

	private final Ssl ssl = new Ssl();

	private final EphemeralBudget ephemeralBudget = new EphemeralBudget();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getRootPath() {
		return this.rootPath;
	}

	public void setRootPath(String rootPath) {
		String problem = ZkRoot.problemWith(rootPath);
		if (problem != null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".root-path", rootPath, problem);
		}
		this.rootPath = rootPath;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public EphemeralBudget getEphemeralBudget() {
		return this.ephemeralBudget;
	}

	/**
	 * Limits on the ephemeral znodes this instance's ZooKeeper session owns (lock requests,
	 * semaphore and task leases, the member node, the discovery registration). When a session
	 * ends, ZooKeeper logs one record listing all of them; a record larger than
	 * 'jute.maxbuffer' leaves the ensemble unable to read its own log. Lock requests and
	 * claims past the budget are refused before they reach ZooKeeper.
	 */
	public static class EphemeralBudget {

		/**
		 * Most bytes of ephemeral paths (each path's UTF-8 bytes plus 4) the session may own.
		 * When unset, half of 'jute.maxbuffer' as this JVM sees it (512KB with
		 * ZooKeeper's default). Raise 'jute.maxbuffer' on every ZooKeeper server and
		 * client before raising this past half of it.
		 */
		private @Nullable DataSize maxBytes;

		/**
		 * Most ephemeral znodes the session may own. When unset, only the size counts.
		 */
		private @Nullable Integer maxCount;

		public @Nullable DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(@Nullable DataSize maxBytes) {
			if (maxBytes != null && maxBytes.toBytes() <= 4) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + ".ephemeral-budget.max-bytes", maxBytes,
						"Must be more than 4 bytes; leave it unset for half of jute.maxbuffer.");
			}
			this.maxBytes = maxBytes;
		}

		public @Nullable Integer getMaxCount() {
			return this.maxCount;
		}

		public void setMaxCount(@Nullable Integer maxCount) {
			if (maxCount != null && maxCount <= 0) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + ".ephemeral-budget.max-count", maxCount,
						"Must be at least 1; leave it unset for no count limit.");
			}
			this.maxCount = maxCount;
		}

	}

	/**
	 * Digest or x509 authentication and ACLs on zk-workflow's znodes.
	 */
	public static class Security {

		/**
		 * Digest credentials, as 'user:password', that the client authenticates with.
		 * When set, every znode zk-workflow creates under its root is readable and writable
		 * by this identity only. When unset, znodes are open (ZooKeeper's default). Prefer an
		 * environment variable (ZK_WORKFLOW_SECURITY_DIGEST) to a file; the value is never
		 * logged.
		 */
		private @Nullable String digest;

		/**
		 * Further digest identities, as 'user:password', that may read (but not change)
		 * zk-workflow's znodes, for example an operator's tool.
		 */
		private List<String> readOnlyDigests = new ArrayList<>();

		/**
		 * ZooKeeper ACL ids ('scheme:id', for example 'ip:10.1.0.0/16') that may
		 * read the root znode itself (it holds no data: its children's names and its ACL) but
		 * nothing below it, so an operator can check the protection without credentials.
		 */
		private List<String> rootReaders = new ArrayList<>(List.of("ip:127.0.0.1"));

		/**
		 * Whether zk-workflow's znodes belong to the client certificate of
		 * 'zk-workflow.ssl.bundle' ('x509' scheme) instead of a digest identity. The server
		 * authenticates the client during the TLS handshake, so no password is sent. Cannot be
		 * combined with 'zk-workflow.security.digest'.
		 */
		private boolean x509;

		public boolean isX509() {
			return this.x509;
		}

		public void setX509(boolean x509) {
			this.x509 = x509;
		}

		public @Nullable String getDigest() {
			return this.digest;
		}

		public void setDigest(@Nullable String digest) {
			this.digest = digest;
		}

		public List<String> getReadOnlyDigests() {
			return this.readOnlyDigests;
		}

		public void setReadOnlyDigests(List<String> readOnlyDigests) {
			this.readOnlyDigests = readOnlyDigests;
		}

		public List<String> getRootReaders() {
			return this.rootReaders;
		}

		public void setRootReaders(List<String> rootReaders) {
			this.rootReaders = rootReaders;
		}

		@Override
		public String toString() {
			return "Security[digest=" + ((this.digest != null) ? "******" : "none") + ", x509=" + this.x509
					+ ", readOnlyDigests=" + this.readOnlyDigests.size() + "]";
		}

	}

	/**
	 * TLS to ZooKeeper's secure client port.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle ('spring.ssl.bundle.jks.NAME' or 'spring.ssl.bundle.pem.NAME')
		 * whose key and trust material the client connects with. When set, the client uses
		 * ZooKeeper's Netty socket and TLS, so the connect string must name the servers'
		 * secure client ports; the bundle's key is the client certificate the servers can
		 * authenticate it by (the 'x509' scheme). When unset, the connection is plain.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
