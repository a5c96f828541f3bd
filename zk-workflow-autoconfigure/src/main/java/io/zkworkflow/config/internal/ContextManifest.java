package io.zkworkflow.config.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.data.Stat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data {@code ZkConfigTemplate} writes into a context znode with every transaction: the
 * names of the key znodes the transaction set and deleted. Every operation of a ZooKeeper
 * {@code multi} carries the same zxid, so a reader knows it sees exactly that transaction
 * once every key named here shows the context znode's modification zxid (a larger one means
 * the cache was read while a later transaction arrived, or another writer changed the key).
 */
final class ContextManifest {

	private final JsonMapper jsonMapper;

	ContextManifest(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	byte[] write(Collection<String> setNames, Collection<String> deletedNames) {
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("set", List.copyOf(setNames));
		manifest.put("deleted", List.copyOf(deletedNames));
		return this.jsonMapper.writeValueAsBytes(manifest);
	}

	/**
	 * Whether the cache holds the whole of the context's last transaction.
	 * @param context the context path
	 * @param nodes the cached nodes of the context, by path
	 * @return {@code false} while some of the transaction has not arrived
	 */
	boolean isComplete(String context, Map<String, ChildData> nodes) {
		ChildData root = nodes.get(context);
		if (root == null || root.getData() == null || root.getData().length == 0 || root.getData()[0] != '{') {
			return true;
		}
		long zxid = root.getStat().getMzxid();
		JsonNode manifest;
		try {
			manifest = this.jsonMapper.readTree(new String(root.getData(), StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			return true;
		}
		for (String name : names(manifest.get("set"))) {
			ChildData child = nodes.get(ZKPaths.makePath(context, name));
			if (child == null || child.getStat().getMzxid() != zxid) {
				return false;
			}
		}
		for (String name : names(manifest.get("deleted"))) {
			if (nodes.containsKey(ZKPaths.makePath(context, name))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the context's last transaction can never be seen whole because a key it wrote
	 * was changed, deleted or re-created since by another writer. Asks ZooKeeper itself (the
	 * cache may only be late), so a slow cache is never mistaken for a superseded transaction.
	 * @param context the context path
	 * @param nodes the cached nodes of the context, by path
	 * @param curator the client to ask
	 * @return {@code true} when the transaction was superseded on the server
	 * @throws Exception when ZooKeeper cannot be asked
	 */
	boolean isSuperseded(String context, Map<String, ChildData> nodes, CuratorFramework curator) throws Exception {
		ChildData root = nodes.get(context);
		if (root == null || root.getData() == null || root.getData().length == 0 || root.getData()[0] != '{') {
			return false;
		}
		long zxid = root.getStat().getMzxid();
		JsonNode manifest = this.jsonMapper.readTree(new String(root.getData(), StandardCharsets.UTF_8));
		for (String name : names(manifest.get("set"))) {
			Stat stat = curator.checkExists().forPath(ZKPaths.makePath(context, name));
			if (stat == null || stat.getMzxid() > zxid) {
				return true;
			}
		}
		for (String name : names(manifest.get("deleted"))) {
			Stat stat = curator.checkExists().forPath(ZKPaths.makePath(context, name));
			if (stat != null && stat.getCzxid() > zxid) {
				return true;
			}
		}
		return false;
	}

	private static List<String> names(JsonNode array) {
		List<String> names = new ArrayList<>();
		if (array != null && array.isArray()) {
			array.forEach((node) -> names.add(node.asString()));
		}
		return names;
	}

}
