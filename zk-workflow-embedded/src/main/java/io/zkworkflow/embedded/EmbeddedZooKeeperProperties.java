package io.zkworkflow.embedded;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * In-process ZooKeeper server, started before the client is built. Bound by
 * {@link EmbeddedZooKeeperEnvironmentPostProcessor} from the environment, before any bean exists.
 */
@ConfigurationProperties(EmbeddedZooKeeperProperties.PREFIX)
public class EmbeddedZooKeeperProperties {

	/** Prefix of the embedded server's properties. */
	public static final String PREFIX = "zk-workflow.embedded";

	/**
	 * Whether to start a ZooKeeper server inside the application and point
	 * {@code spring.cloud.zookeeper.connect-string} at it. Meant for development and samples;
	 * production points at an ensemble.
	 */
	private boolean enabled = false;

	/**
	 * Client port of the embedded server. 0 picks a free port.
	 */
	private int port = 0;

	/**
	 * Directory for the embedded server's snapshots and transaction log. When unset, a
	 * temporary directory is used and removed when the application stops; when set, data
	 * survives restarts.
	 */
	private @Nullable Path dataDir;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		if (port < 0 || port > 65535) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".port", port,
					"Must be between 0 (any free port) and 65535.");
		}
		this.port = port;
	}

	public @Nullable Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(@Nullable Path dataDir) {
		this.dataDir = dataDir;
	}

}
