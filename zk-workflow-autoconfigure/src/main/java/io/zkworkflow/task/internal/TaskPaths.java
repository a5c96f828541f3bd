package io.zkworkflow.task.internal;

import io.zkworkflow.internal.TimeIndex;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.internal.ZnodeNames;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * Every znode path of the task engine:
 * <pre>
 * {root}/tasks/{name}/data/{shard}/{uid}           the task while ready or running: payload, attempts
 * {root}/tasks/{name}/q/{shard}/{uid}-[p{prio}-]{seq}  ready marker, empty (PERSISTENT_SEQUENTIAL)
 * {root}/tasks/{name}/run/{shard}/{uid}-{seq}      the claim {owner, claim time, the claimer's limits}
 * {root}/tasks/{name}/run/{shard}/{uid}-{seq}/lease  the claim (EPHEMERAL)
 * {root}/tasks/{name}/delay/{bucket}/{uid}         delayed task or retry, bucket = due time / 10s
 * {root}/tasks/{name}/dead/{uid}                   dead letter with the last error
 * {root}/tasks/{name}/done/{bucket}/{uid}          retained outcome, bucket = submit time / 10s
 * {root}/tasks/{name}/slots/{0..N-1}              fleet-wide concurrency slots (EPHEMERAL)
 * {root}/tasks/{name}/rate                         fleet-wide rate limit: permits per slice
 * {root}/tasks/{name}/index/{hour}/{second}/{uid}  search index entry, empty, by submit time
 * {root}/ids/{bucket}/{name:key}                   idempotency marker holding the task id
 * {root}/members/{instanceId}                      a live instance (EPHEMERAL)
 * {root}/coordinator                               the coordinator's leader latch
 * </pre>
 */
public final class TaskPaths {

	/** Width of a delay or done bucket in milliseconds. */
	public static final long BUCKET_MILLIS = 10_000;

	/** Number of idempotency-marker buckets. */
	public static final int ID_BUCKETS = 256;

	static final String LEASE = "lease";

	private final ZkRoot root;

	public TaskPaths(ZkRoot root) {
		this.root = root;
	}

	public String tasks() {
		return this.root.resolve("tasks");
	}

	public String task(String name) {
		return this.root.resolve("tasks", name);
	}

	/** Where the fleet-wide concurrency slots of a name are: EPHEMERAL {@code 0..N-1}. */
	String slotsRoot(String name) {
		return this.root.resolve("tasks", name, "slots");
	}

	/** Where the fleet-wide rate limit of a name counts its permits (PERSISTENT). */
	String rateNode(String name) {
		return this.root.resolve("tasks", name, "rate");
	}

	public String readyRoot(String name) {
		return this.root.resolve("tasks", name, "q");
	}

	public String readyShard(String name, int shard) {
		return this.root.resolve("tasks", name, "q", Integer.toString(shard));
	}

	/**
	 * Prefix of a ready node, {@code {uid}-} or {@code {uid}-p{priority}-} ({@link ReadyOrder});
	 * ZooKeeper appends the sequence number.
	 */
	String readyPrefix(String name, String uid, int priority) {
		return readyShard(name, TaskUids.shard(uid)) + "/" + uid + "-" + ReadyOrder.tag(priority);
	}

	/** Where a ready or running task keeps its record (payload, attempts, last error). */
	String data(String name, String uid) {
		return this.root.resolve("tasks", name, "data", Integer.toString(TaskUids.shard(uid)), uid);
	}

	/**
	 * The data node of a ready or run node, {@code null} when the node's name is not
	 * {@code {uid}-{seq}} (not written by the engine).
	 */
	@Nullable String dataFor(String name, String readyOrRunPath) {
		String node = ZKPaths.getNodeFromPath(readyOrRunPath);
		String uid = (node.indexOf('-') > 0) ? TaskUids.uidOfNode(node) : "";
		try {
			return TaskUids.isUid(uid) ? data(name, uid) : null;
		}
		catch (IllegalArgumentException ex) {
			// named like a uid, but its shard is not a number
			return null;
		}
	}

	public String runRoot(String name) {
		return this.root.resolve("tasks", name, "run");
	}

	String runShard(String name, int shard) {
		return this.root.resolve("tasks", name, "run", Integer.toString(shard));
	}

	/** The run node of a claimed ready node: same shard, same node name. */
	String runFor(String name, String readyPath) {
		String node = ZKPaths.getNodeFromPath(readyPath);
		return ZKPaths.makePath(runShard(name, TaskUids.shard(TaskUids.uidOfNode(node))), node);
	}

	String lease(String runPath) {
		return ZKPaths.makePath(runPath, LEASE);
	}

	public String delayRoot(String name) {
		return this.root.resolve("tasks", name, "delay");
	}

	String delayBucket(String name, long dueMillis) {
		return this.root.resolve("tasks", name, "delay", Long.toString(dueMillis / BUCKET_MILLIS));
	}

	String delayed(String name, long dueMillis, String uid) {
		return ZKPaths.makePath(delayBucket(name, dueMillis), uid);
	}

	public String deadRoot(String name) {
		return this.root.resolve("tasks", name, "dead");
	}

	String dead(String name, String uid) {
		return this.root.resolve("tasks", name, "dead", uid);
	}

	String doneRoot(String name) {
		return this.root.resolve("tasks", name, "done");
	}

	String doneBucket(String name, String uid) {
		return this.root.resolve("tasks", name, "done", Long.toString(TaskUids.submittedAt(uid) / BUCKET_MILLIS));
	}

	String done(String name, String uid) {
		return ZKPaths.makePath(doneBucket(name, uid), uid);
	}

	/** Root of the search index of a name ({@link io.zkworkflow.internal.TimeIndex}). */
	String indexRoot(String name) {
		return this.root.resolve("tasks", name, TimeIndex.INDEX);
	}

	/** The search index entry of a task, written with its submit. */
	String indexEntry(String name, String uid) {
		return TimeIndex.entryPath(indexRoot(name), TaskUids.submittedAt(uid), uid);
	}

	String idsRoot() {
		return this.root.resolve("ids");
	}

	String idBucket(String name, String key) {
		return this.root.resolve("ids", Integer.toString(Math.floorMod(markerName(name, key).hashCode(), ID_BUCKETS)));
	}

	String idMarker(String name, String key) {
		return ZKPaths.makePath(idBucket(name, key), markerName(name, key));
	}

	private static String markerName(String name, String key) {
		return ZnodeNames.encodeKey(name + ":" + key);
	}

	public String members() {
		return this.root.resolve("members");
	}

	String member(String instanceId) {
		return this.root.resolve("members", instanceId);
	}

	String coordinator() {
		return this.root.resolve("coordinator");
	}

}
