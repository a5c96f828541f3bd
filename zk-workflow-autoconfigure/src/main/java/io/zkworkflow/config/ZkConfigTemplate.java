package io.zkworkflow.config;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes configuration to ZooKeeper. Values are checked first against this instance's
 * injection points and {@link ZkConfigValidator}s (a value this instance would refuse is not
 * written), then written; several keys go in one ZooKeeper transaction guarded by the
 * context's version, and every instance applies them together: no reader sees half of it.
 *
 * <pre class="code">
 * int version = template.version();
 * template.publish(Map.of("pricing.discount-rate", 0.1, "pricing.currency", "EUR"), version);
 * </pre>
 *
 * Plain values (numbers, booleans, enums, durations, lists of those) are written as text, other
 * objects as JSON. A {@code null} value deletes the key.
 */
public interface ZkConfigTemplate {

	/** Largest total size of the values of one publish; ZooKeeper refuses requests above 1 MB. */
	int MAX_PUBLISH_BYTES = 1_000_000;

	/**
	 * Return a template that writes to another context of the same root, such as
	 * {@code application} (shared by every application) or {@code orders,prod}.
	 * @param contextName the context name
	 * @return a template for that context
	 */
	ZkConfigTemplate forContext(String contextName);

	/**
	 * Return the context this template writes to.
	 * @return the context znode path
	 */
	String contextPath();

	/**
	 * Return the context's current version, to pass to {@link #publish(Map, int)}.
	 * @return the version
	 */
	int version();

	/**
	 * Publish one key, whatever the context's version. A key starting with '/' writes that
	 * exact znode.
	 * @param key the property key or absolute znode path
	 * @param value the value, {@code null} to delete the key
	 * @throws ZkConfigRejectedException when the value is refused locally
	 */
	void publish(String key, @Nullable Object value);

	/**
	 * Publish several keys in one transaction, only if the context is still at
	 * {@code expectedVersion}.
	 * @param values the keys and values ({@code null} deletes a key)
	 * @param expectedVersion the version read with {@link #version()}, or {@code -1} for any
	 * @return the context's new version
	 * @throws ZkConfigVersionConflictException when the context has moved on; nothing is written
	 * @throws ZkConfigRejectedException when a value is refused locally; nothing is written
	 */
	int publish(Map<String, ? extends @Nullable Object> values, int expectedVersion);

}
