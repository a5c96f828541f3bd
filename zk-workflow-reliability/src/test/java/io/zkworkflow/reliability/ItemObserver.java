package io.zkworkflow.reliability;

import java.nio.charset.StandardCharsets;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;

/**
 * Reads every item {@link ItemWriter}s stored and records one {@code COMMIT} per znode found, so
 * that the checker sees an acknowledged item that is missing as lost and an item stored twice as
 * a double commit.
 */
final class ItemObserver {

	private ItemObserver() {
	}

	/**
	 * Record what is stored now.
	 * @param client a client allowed to read the items
	 * @param root the zk-workflow root
	 * @param history where to record
	 * @return how many item znodes were found
	 * @throws Exception on a ZooKeeper failure
	 */
	static int observe(CuratorFramework client, ZkRoot root, HistoryRecorder history) throws Exception {
		String items = root.resolve("reliability", "items");
		if (client.checkExists().forPath(items) == null) {
			return 0;
		}
		int found = 0;
		for (String bucket : client.getChildren().forPath(items)) {
			String bucketPath = ZKPaths.makePath(items, bucket);
			for (String node : client.getChildren().forPath(bucketPath)) {
				String path = ZKPaths.makePath(bucketPath, node);
				String item = new String(client.getData().forPath(path), StandardCharsets.UTF_8);
				history.record(Type.COMMIT, item, null, path);
				found++;
			}
		}
		return found;
	}

}
