package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.task.DeadLetter;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tasks} section of the {@code zkworkflow} endpoint: per task name the pending
 * (of which {@code delayed}: scheduled for later or waiting for a retry's backoff), running and
 * dead counts and the instances serving it, plus submissions no instance served.
 * Counts come from children counts of the shard znodes and are cached for a second.
 */
public final class TaskStatusSection implements StatusSection {

	private static final long CACHE_MILLIS = 1_000;

	private static final int DEAD_LETTERS_SHOWN = 20;

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final MemberDirectory members;

	private final ZkTaskClient client;

	private final @Nullable TaskEngine engine;

	private final TaskActivity activity;

	private volatile @Nullable Map<String, Object> cached;

	private volatile long cachedAt;

	public TaskStatusSection(CuratorFramework curator, TaskPaths paths, MemberDirectory members, ZkTaskClient client,
			@Nullable TaskEngine engine, TaskActivity activity) {
		this.curator = curator;
		this.activity = activity;
		this.paths = paths;
		this.members = members;
		this.client = client;
		this.engine = engine;
	}

	@Override
	public String sectionName() {
		return "tasks";
	}

	@Override
	public Object snapshot() {
		Map<String, Object> current = this.cached;
		if (current != null && System.currentTimeMillis() - this.cachedAt < CACHE_MILLIS) {
			return current;
		}
		Map<String, Object> snapshot = new LinkedHashMap<>();
		try {
			Map<String, Object> names = new LinkedHashMap<>();
			List<Map<String, Object>> deadLetters = new ArrayList<>();
			var serving = this.members.servingByName();
			for (String name : children(this.paths.tasks()).stream().sorted().toList()) {
				Map<String, Object> entry = new LinkedHashMap<>();
				long ready = grandChildren(this.paths.readyRoot(name));
				long delayed = grandChildren(this.paths.delayRoot(name));
				entry.put("pending", ready + delayed);
				// delay nodes: tasks scheduled for later and retries waiting for their backoff
				entry.put("delayed", delayed);
				entry.put("running", grandChildren(this.paths.runRoot(name)));
				entry.put("dead", childCount(this.paths.deadRoot(name)));
				entry.put("servingInstances", serving.getOrDefault(name, Map.of()));
				entry.put("completedHere", this.activity.countsFor(name));
				names.put(name, entry);
				deadLetters.addAll(this.client.deadLetters(name, DEAD_LETTERS_SHOWN).stream().map(TaskStatusSection::describe).toList());
			}
			snapshot.put("names", names);
			snapshot.put("deadLetters", deadLetters);
			snapshot.put("unservedSubmissions", this.client.unservedSubmissions());
			snapshot.put("instance", this.members.instanceId());
			snapshot.put("coordinator", this.engine != null && this.engine.isCoordinator());
		}
		catch (Exception ex) {
			snapshot.put("error", "Could not read task state from ZooKeeper: " + ex);
		}
		this.cached = snapshot;
		this.cachedAt = System.currentTimeMillis();
		return snapshot;
	}

	private static Map<String, Object> describe(DeadLetter letter) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("id", letter.id().toString());
		row.put("name", letter.id().name());
		row.put("attempts", letter.attempts());
		row.put("error", letter.error());
		row.put("deadAt", letter.deadAt().toString());
		return row;
	}

	private long grandChildren(String root) throws Exception {
		long total = 0;
		for (String child : children(root)) {
			total += childCount(ZKPaths.makePath(root, child));
		}
		return total;
	}

	private long childCount(String path) throws Exception {
		Stat stat = this.curator.checkExists().forPath(path);
		return (stat != null) ? stat.getNumChildren() : 0;
	}

	private List<String> children(String path) throws Exception {
		try {
			return this.curator.getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

}
