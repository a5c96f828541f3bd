package io.zkworkflow.config.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.zkworkflow.config.ZkConfigRejectedException;
import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.config.ZkConfigVersionConflictException;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ZkConfigTemplate} of the auto-configuration: checks values against this
 * instance's {@link ConfigApplier}, then writes them through {@link ConfigTransactions}.
 */
public final class DefaultZkConfigTemplate implements ZkConfigTemplate {

	private final ConfigTransactions transactions;

	private final ConfigPaths paths;

	private final String contextPath;

	private final ValueConverter converter;

	private final @Nullable ConfigApplier applier;

	public DefaultZkConfigTemplate(ConfigTransactions transactions, ConfigPaths paths, String contextPath,
			ValueConverter converter, @Nullable ConfigApplier applier) {
		this.transactions = transactions;
		this.paths = paths;
		this.contextPath = contextPath;
		this.converter = converter;
		this.applier = applier;
	}

	@Override
	public ZkConfigTemplate forContext(String contextName) {
		return new DefaultZkConfigTemplate(this.transactions, this.paths, this.paths.context(contextName), this.converter,
				this.applier);
	}

	@Override
	public String contextPath() {
		return this.contextPath;
	}

	@Override
	public int version() {
		try {
			return this.transactions.version(this.contextPath);
		}
		catch (Exception ex) {
			throw failure("read the version of " + this.contextPath, ex);
		}
	}

	@Override
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

	@Override
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
		long size = texts.values().stream().filter(Objects::nonNull).mapToLong(DefaultZkConfigTemplate::utf8Length).sum();
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
