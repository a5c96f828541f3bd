package io.zkworkflow.config.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.utils.ZKPaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data {@code ZkConfigTemplate} writes into a context znode with every transaction: the
 * names of the key znodes the transaction set and deleted. Every operation of a ZooKeeper
 * {@code multi} carries the same zxid, so a reader knows the transaction has fully arrived
 * once every key named here shows a modification zxid at least the context znode's.
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
			if (child == null || child.getStat().getMzxid() < zxid) {
				return false;
			}
		}
		for (String name : names(manifest.get("deleted"))) {
			ChildData child = nodes.get(ZKPaths.makePath(context, name));
			if (child != null && child.getStat().getMzxid() < zxid) {
				return false;
			}
		}
		return true;
	}

	private static List<String> names(JsonNode array) {
		List<String> names = new ArrayList<>();
		if (array != null && array.isArray()) {
			array.forEach((node) -> names.add(node.asString()));
		}
		return names;
	}

}
