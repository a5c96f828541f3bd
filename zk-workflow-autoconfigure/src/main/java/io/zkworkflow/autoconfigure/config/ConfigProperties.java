package io.zkworkflow.autoconfigure.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.internal.PropertyChecks;
import io.zkworkflow.internal.ZkRoot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Settings of live configuration ('zk-workflow.config').
 */
@ConfigurationProperties(ConfigProperties.PREFIX)
public class ConfigProperties {

	/** Prefix of these settings. */
	public static final String PREFIX = "zk-workflow.config";

	/**
	 * Whether live configuration from ZooKeeper is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Znode under which the configuration contexts live. Deliberately outside
	 * 'zk-workflow.root-path', so that trees written for spring-cloud-zookeeper config
	 * work unchanged.
	 */
	private String root = "/config";

	/**
	 * Name of the context shared by every application.
	 */
	private String defaultContext = "application";

	/**
	 * Name of this application's context; defaults to 'spring.application.name'.
	 */
	private @Nullable String name;

	/**
	 * Separator between a context name and a profile, as in '/config/orders,prod'.
	 */
	private String profileSeparator = ",";

	/**
	 * Longest wait at startup for the configuration tree to load once connected. When it runs
	 * out, startup goes on with the snapshot file (or the defaults) and catches up later.
	 */
	private Duration initialLoadTimeout = Duration.ofSeconds(10);

	/**
	 * Longest time one @ZkConfigListener or ZkValue callback may run before it
	 * is interrupted and logged, so that it cannot hold up later notifications.
	 */
	private Duration listenerTimeout = Duration.ofSeconds(5);

	/**
	 * Whether @Value fields that read keys from ZooKeeper are updated live.
	 */
	private boolean refreshValueFields = true;

	/**
	 * File where the last applied configuration is written after every change (owner-only
	 * permissions) and read at startup when ZooKeeper cannot be reached. Unset: no snapshot.
	 */
	private @Nullable Path snapshotFile;

	/**
	 * Words that mark a key as sensitive: its value is masked in logs and events. A key is
	 * sensitive when its last segment, lower-cased without '-' and '_', contains one of them or
	 * ends with "pass"; passwords inside URLs are masked in every value. The actuator masks
	 * all values unless 'management.endpoint.zkworkflow.show-values' says otherwise.
	 */
	private List<String> sensitiveKeys = new ArrayList<>(List.of("password", "passwd", "passphrase", "secret",
			"token", "credential", "apikey", "privatekey", "accesskey", "pwd"));

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getRoot() {
		return this.root;
	}

	public void setRoot(String root) {
		String problem = ZkRoot.problemWith(root);
		if (problem != null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".root", root,
					"Must be an absolute znode path without a trailing slash, like '/config' (" + problem + ").");
		}
		this.root = root;
	}

	public String getDefaultContext() {
		return this.defaultContext;
	}

	public void setDefaultContext(String defaultContext) {
		this.defaultContext = defaultContext;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public String getProfileSeparator() {
		return this.profileSeparator;
	}

	public void setProfileSeparator(String profileSeparator) {
		this.profileSeparator = profileSeparator;
	}

	public Duration getInitialLoadTimeout() {
		return this.initialLoadTimeout;
	}

	public void setInitialLoadTimeout(Duration initialLoadTimeout) {
		this.initialLoadTimeout = PropertyChecks.notNegative(PREFIX + ".initial-load-timeout", initialLoadTimeout, "10s");
	}

	public Duration getListenerTimeout() {
		return this.listenerTimeout;
	}

	public void setListenerTimeout(Duration listenerTimeout) {
		this.listenerTimeout = PropertyChecks.positive(PREFIX + ".listener-timeout", listenerTimeout, "5s");
	}

	public boolean isRefreshValueFields() {
		return this.refreshValueFields;
	}

	public void setRefreshValueFields(boolean refreshValueFields) {
		this.refreshValueFields = refreshValueFields;
	}

	public @Nullable Path getSnapshotFile() {
		return this.snapshotFile;
	}

	public void setSnapshotFile(@Nullable Path snapshotFile) {
		this.snapshotFile = snapshotFile;
	}

	public List<String> getSensitiveKeys() {
		return this.sensitiveKeys;
	}

	public void setSensitiveKeys(List<String> sensitiveKeys) {
		this.sensitiveKeys = sensitiveKeys;
	}

}
