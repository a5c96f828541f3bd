package io.zkworkflow.config.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zkworkflow.config.ZkConfigVersionConflictException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes keys of one context in a single ZooKeeper {@code multi}: first the context znode's
 * data (a manifest of the keys written, with the version check), then each key znode. The
 * operations commit together or not at all, and readers use the manifest to apply them together.
 */
public final class ConfigTransactions {

	private final CuratorFramework curator;

	private final ConfigPaths paths;

	private final ContextManifest manifest;

	public ConfigTransactions(CuratorFramework curator, ConfigPaths paths, JsonMapper jsonMapper) {
		this.curator = curator;
		this.paths = paths;
		this.manifest = new ContextManifest(jsonMapper);
	}

	/**
	 * Return the context's version, creating the context znode when missing.
	 * @param contextPath the context
	 * @return the data version of the context znode
	 * @throws Exception on ZooKeeper errors
	 */
	public int version(String contextPath) throws Exception {
		ensureContext(contextPath);
		Stat stat = this.curator.checkExists().forPath(contextPath);
		return (stat != null) ? stat.getVersion() : 0;
	}

	/**
	 * Write keys in one transaction.
	 * @param contextPath the context
	 * @param values the keys and text values; {@code null} deletes the key
	 * @param expectedVersion the context version expected, {@code -1} for any
	 * @return the context's new version
	 * @throws ZkConfigVersionConflictException when the version is not the expected one
	 * @throws Exception on other ZooKeeper errors
	 */
	public int write(String contextPath, Map<String, @Nullable String> values, int expectedVersion) throws Exception {
		ensureContext(contextPath);
		List<String> set = new ArrayList<>();
		List<String> deleted = new ArrayList<>();
		List<CuratorOp> keyOps = new ArrayList<>();
		for (Map.Entry<String, @Nullable String> entry : values.entrySet()) {
			String node = this.paths.keyNode(contextPath, entry.getKey());
			String name = entry.getKey();
			boolean exists = this.curator.checkExists().forPath(node) != null;
			if (entry.getValue() == null) {
				if (exists) {
					deleted.add(name);
					keyOps.add(this.curator.transactionOp().delete().forPath(node));
				}
				continue;
			}
			byte[] bytes = entry.getValue().getBytes(StandardCharsets.UTF_8);
			set.add(name);
			keyOps.add(exists ? this.curator.transactionOp().setData().forPath(node, bytes)
					: this.curator.transactionOp().create().forPath(node, bytes));
		}
		List<CuratorOp> ops = new ArrayList<>();
		ops.add(this.curator.transactionOp()
			.setData()
			.withVersion(expectedVersion)
			.forPath(contextPath, this.manifest.write(set, deleted)));
		ops.addAll(keyOps);
		try {
			List<CuratorTransactionResult> results = this.curator.transaction().forOperations(ops);
			return results.stream()
				.filter((result) -> result.getType() == OperationType.SET_DATA && result.getForPath().equals(contextPath))
				.findFirst()
				.map((result) -> result.getResultStat().getVersion())
				.orElse(-1);
		}
		catch (KeeperException.BadVersionException ex) {
			throw new ZkConfigVersionConflictException(contextPath, expectedVersion, version(contextPath));
		}
		catch (KeeperException.NodeExistsException | KeeperException.NoNodeException ex) {
			throw new IllegalStateException("A key of " + contextPath + " was created or deleted by another writer "
					+ "while publishing " + values.keySet() + "; nothing was written. Publish again.", ex);
		}
	}

	/**
	 * Write one exact znode (a key starting with '/'), creating it and its parents if needed.
	 * @param path the znode
	 * @param value the text, {@code null} to delete it
	 * @throws Exception on ZooKeeper errors
	 */
	public void writeExact(String path, @Nullable String value) throws Exception {
		if (value == null) {
			try {
				this.curator.delete().forPath(path);
			}
			catch (KeeperException.NoNodeException ex) {
				// already gone
			}
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		try {
			this.curator.setData().forPath(path, bytes);
		}
		catch (KeeperException.NoNodeException ex) {
			this.curator.create().orSetData().creatingParentsIfNeeded().forPath(path, bytes);
		}
	}

	private void ensureContext(String contextPath) throws Exception {
		if (this.curator.checkExists().forPath(contextPath) == null) {
			try {
				this.curator.create().creatingParentsIfNeeded().forPath(contextPath, new byte[0]);
			}
			catch (KeeperException.NodeExistsException ex) {
				// created concurrently
			}
		}
	}

}
