package io.zkworkflow.config.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The settings of live configuration, as values: the auto-configuration reads them from its
 * properties and hands them over.
 *
 * @param initialLoadTimeout longest wait at startup for the tree to load once connected
 * @param listenerTimeout longest run of one listener call before it is interrupted
 * @param refreshValueFields whether {@code @Value} fields reading ZooKeeper keys are updated live
 * @param snapshotFile the snapshot file, or {@code null} for none
 * @param sensitiveKeys words that mark a key as sensitive
 */
public record ConfigOptions(Duration initialLoadTimeout, Duration listenerTimeout, boolean refreshValueFields,
		@Nullable Path snapshotFile, List<String> sensitiveKeys) {

	public ConfigOptions {
		sensitiveKeys = List.copyOf(sensitiveKeys);
	}

}
