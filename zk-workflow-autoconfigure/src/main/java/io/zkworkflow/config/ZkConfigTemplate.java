package io.zkworkflow.config;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.zkworkflow.config.internal.ConfigApplier;
import io.zkworkflow.config.internal.ConfigTransactions;
import io.zkworkflow.config.internal.ValueConverter;
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
public class ZkConfigTemplate {

	/** Largest total size of the values of one publish; ZooKeeper refuses requests above 1 MB. */
	public static final int MAX_PUBLISH_BYTES = 1_000_000;

	private final ConfigTransactions transactions;

	private final ConfigPaths paths;

	private final String contextPath;

	private final ValueConverter converter;

	private final @Nullable ConfigApplier applier;

	public ZkConfigTemplate(ConfigTransactions transactions, ConfigPaths paths, String contextPath,
			ValueConverter converter, @Nullable ConfigApplier applier) {
		this.transactions = transactions;
		this.paths = paths;
		this.contextPath = contextPath;
		this.converter = converter;
		this.applier = applier;
	}

	/**
	 * Return a template that writes to another context of the same root, such as
	 * {@code application} (shared by every application) or {@code orders,prod}.
	 * @param contextName the context name
	 * @return a template for that context
	 */
	public ZkConfigTemplate forContext(String contextName) {
		return new ZkConfigTemplate(this.transactions, this.paths, this.paths.context(contextName), this.converter,
				this.applier);
	}

	/**
	 * Return the context this template writes to.
	 * @return the context znode path
	 */
	public String contextPath() {
		return this.contextPath;
	}

	/**
	 * Return the context's current version, to pass to {@link #publish(Map, int)}.
	 * @return the version
	 */
	public int version() {
		try {
			return this.transactions.version(this.contextPath);
		}
		catch (Exception ex) {
			throw failure("read the version of " + this.contextPath, ex);
		}
	}

	/**
	 * Publish one key, whatever the context's version. A key starting with '/' writes that
	 * exact znode.
	 * @param key the property key or absolute znode path
	 * @param value the value, {@code null} to delete the key
	 * @throws ZkConfigRejectedException when the value is refused locally
	 */
	public void publish(String key, @Nullable Object value) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put(key, value);
		if (key.startsWith("/")) {
			Map<String, @Nullable String> texts = check(values);
			try {
				this.transactions.writeExact(key, texts.get(key));
			}
			catch (Exception ex) {
				throw failure("write " + key, ex);
			}
			return;
		}
		publish(values, -1);
	}

	/**
	 * Publish several keys in one transaction, only if the context is still at
	 * {@code expectedVersion}.
	 * @param values the keys and values ({@code null} deletes a key)
	 * @param expectedVersion the version read with {@link #version()}, or {@code -1} for any
	 * @return the context's new version
	 * @throws ZkConfigVersionConflictException when the context has moved on; nothing is written
	 * @throws ZkConfigRejectedException when a value is refused locally; nothing is written
	 */
	public int publish(Map<String, ? extends @Nullable Object> values, int expectedVersion) {
		values.keySet().forEach((key) -> {
			if (key.startsWith("/")) {
				throw new IllegalArgumentException("Key '" + key + "' is an exact znode path; publish it alone with "
						+ "publish(key, value): only keys of a context can share a transaction");
			}
			ConfigPaths.checkKey(key);
		});
		Map<String, @Nullable String> texts = check(values);
		try {
			return this.transactions.write(this.contextPath, texts, expectedVersion);
		}
		catch (ZkConfigVersionConflictException | IllegalStateException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw failure("publish " + values.keySet() + " to " + this.contextPath, ex);
		}
	}

	private Map<String, @Nullable String> check(Map<String, ? extends @Nullable Object> values) {
		Map<String, @Nullable String> texts = new LinkedHashMap<>();
		values.forEach((key, value) -> texts.put(key, (value != null) ? this.converter.toText(value) : null));
		long size = texts.values().stream().filter(Objects::nonNull).mapToLong(ZkConfigTemplate::utf8Length).sum();
		if (size > MAX_PUBLISH_BYTES) {
			throw new ZkConfigRejectedException("Refused to publish " + texts.keySet() + " to " + this.contextPath
					+ ": the values are " + size + " bytes, above the " + MAX_PUBLISH_BYTES + " bytes ZooKeeper accepts "
					+ "in one request (jute.maxbuffer, 1 MB by default). Keep configuration values small, or store "
					+ "large documents elsewhere and publish a reference. Nothing was written.");
		}
		if (this.applier != null) {
			List<String> problems = this.applier.check(texts);
			if (!problems.isEmpty()) {
				throw new ZkConfigRejectedException("Refused to publish " + texts.keySet() + " to " + this.contextPath
						+ ": " + String.join("; ", problems) + ". Nothing was written.");
			}
		}
		return texts;
	}

	private static long utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	private static IllegalStateException failure(String action, Exception ex) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		return new IllegalStateException("Could not " + action + " in ZooKeeper: " + ex, ex);
	}

}
