package io.zkworkflow.lock.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.StatusView;
import io.zkworkflow.internal.ValueDisclosure;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * The {@code locks/fleet} view: every lock of the fleet as ZooKeeper holds it now, not only
 * those of this instance (the {@code locks} section). Per lock and key: the holders with their
 * fencing token (the czxid of their request node, the token a guarded resource compares) and
 * the waiters in the order they will get it. Bounded: at most {@value #MAX_DIRS} lock
 * directories and {@value #MAX_REQUESTS} request nodes are read, and the answer says when it
 * stopped early.
 */
public final class LockTreeView implements StatusView {

	static final int MAX_DIRS = 200;

	static final int MAX_REQUESTS = 1000;

	private static final String SEMAPHORE_LEASES = "leases";

	private final CuratorFramework curator;

	private final LockPaths paths;

	public LockTreeView(CuratorFramework curator, LockPaths paths) {
		this.curator = curator;
		this.paths = paths;
	}

	@Override
	public String section() {
		return "locks";
	}

	@Override
	public String name() {
		return "fleet";
	}

	@Override
	public Object read(@Nullable String id, ValueDisclosure disclosure) {
		List<Map<String, Object>> locks = new ArrayList<>();
		int[] budget = { MAX_DIRS, MAX_REQUESTS };
		boolean truncated = false;
		try {
			for (String name : sorted(this.paths.locksRoot())) {
				for (String key : sorted(ZKPaths.makePath(this.paths.locksRoot(), name))) {
					if (budget[0] <= 0 || budget[1] <= 0) {
						truncated = true;
						break;
					}
					budget[0]--;
					Map<String, Object> lock = lock(name, key, budget);
					if (lock != null) {
						locks.add(lock);
					}
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the locks from ZooKeeper: " + ex, ex);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("locks", locks);
		result.put("truncated", truncated);
		return result;
	}

	private @Nullable Map<String, Object> lock(String name, String key, int[] budget) throws Exception {
		String dir = ZKPaths.makePath(ZKPaths.makePath(this.paths.locksRoot(), name), key);
		List<String> children = sorted(dir);
		List<Map<String, Object>> holders = new ArrayList<>();
		List<Map<String, Object>> waiters = new ArrayList<>();
		String mode;
		if (children.contains(SEMAPHORE_LEASES)) {
			mode = "SEMAPHORE";
			String leases = ZKPaths.makePath(dir, SEMAPHORE_LEASES);
			for (String lease : sorted(leases)) {
				addRequest(holders, ZKPaths.makePath(leases, lease), "SEMAPHORE", budget);
			}
		}
		else {
			List<String> requests = LockPaths.requestsInOrder(children);
			if (requests.isEmpty()) {
				return null;
			}
			mode = LockPaths.isShared(requests.get(0)) ? "READ" : "EXCLUSIVE";
			boolean holding = true;
			for (String request : requests) {
				boolean shared = LockPaths.isShared(request);
				// readers at the head share the lock; the first writer holds it alone, or waits behind them
				boolean holds = holding && (shared || holders.isEmpty());
				holding = holds && shared;
				addRequest(holds ? holders : waiters, ZKPaths.makePath(dir, request), shared ? "READ" : "WRITE", budget);
			}
		}
		if (holders.isEmpty() && waiters.isEmpty()) {
			return null;
		}
		Map<String, Object> lock = new LinkedHashMap<>();
		lock.put("name", name);
		lock.put("key", LockPaths.NO_KEY.equals(key) ? null : key);
		lock.put("mode", mode);
		lock.put("holders", holders);
		lock.put("waiters", waiters);
		return lock;
	}

	private void addRequest(List<Map<String, Object>> into, String path, String kind, int[] budget) throws Exception {
		if (budget[1] <= 0) {
			return;
		}
		budget[1]--;
		Stat stat = new Stat();
		byte[] data;
		try {
			data = this.curator.getData().storingStatIn(stat).forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return;
		}
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("holder", (data != null) ? new String(data, StandardCharsets.UTF_8) : null);
		request.put("kind", kind);
		request.put("token", stat.getCzxid());
		request.put("since", java.time.Instant.ofEpochMilli(stat.getCtime()).toString());
		request.put("node", ZKPaths.getNodeFromPath(path));
		into.add(request);
	}

	private List<String> sorted(String path) throws Exception {
		try {
			List<String> children = new ArrayList<>(this.curator.getChildren().forPath(path));
			children.sort(null);
			return children;
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

}
