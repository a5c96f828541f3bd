package io.zkworkflow.config;

import io.micrometer.observation.Observation;

/**
 * Context of the {@code zk.workflow.config.reject} observation: one value (or document) from
 * ZooKeeper refused on this instance, recorded once per znode version, as the
 * {@link ZkConfigRejectedEvent} is. The value itself is not in the context, since it may be
 * sensitive; the reason may quote it.
 */
public final class ConfigRejectContext extends Observation.Context {

	private final String key;

	private final String znodePath;

	private final int znodeVersion;

	private final String reason;

	private final boolean unreadable;

	/**
	 * Create a context for one refusal.
	 * @param key the refused key (the znode path for a document)
	 * @param znodePath the znode holding it
	 * @param znodeVersion the refused version of the znode, {@code -1} for a deletion
	 * @param reason why it was refused
	 * @param unreadable whether the znode could not be read at all (rather than its value refused)
	 */
	public ConfigRejectContext(String key, String znodePath, int znodeVersion, String reason, boolean unreadable) {
		this.key = key;
		this.znodePath = znodePath;
		this.znodeVersion = znodeVersion;
		this.reason = reason;
		this.unreadable = unreadable;
	}

	/**
	 * The refused key, or the znode path of a refused document.
	 * @return the key
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * The znode holding the refused value.
	 * @return the path
	 */
	public String getZnodePath() {
		return this.znodePath;
	}

	/**
	 * The refused version of the znode.
	 * @return the version, {@code -1} for a deletion
	 */
	public int getZnodeVersion() {
		return this.znodeVersion;
	}

	/**
	 * Why the value was refused (conversion, validation or parse failure; may quote the value).
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Whether the znode could not be read as configuration at all.
	 * @return {@code true} for an unreadable znode, {@code false} for a refused value
	 */
	public boolean isUnreadable() {
		return this.unreadable;
	}

}
