package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.jspecify.annotations.Nullable;

/**
 * This instance's ephemeral member node (kept alive across session loss by Curator's
 * {@link PersistentNode}) and a cached view of every live member, to tell which task names
 * are served and by whom.
 */
public final class MemberDirectory {

	private static final Log logger = LogFactory.getLog(MemberDirectory.class);

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskCodec codec;

	private final String instanceId;

	private @Nullable PersistentNode ownNode;

	private @Nullable CuratorCache members;

	private volatile @Nullable MemberRecord published;

	/** Member records by path from the last look at the cache, so a submit parses no JSON. */
	private volatile Map<String, Parsed> parsed = Map.of();

	/** Changes seen in the member cache; {@link #served} is stale when it was built before the last. */
	private final AtomicLong changes = new AtomicLong();

	/** The names some live member serves, as of a number of changes, so a submit walks no members. */
	private volatile Served served = new Served(-1, Set.of());

	public MemberDirectory(CuratorFramework curator, TaskPaths paths, TaskCodec codec, String instanceId) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
		this.instanceId = instanceId;
	}

	public String instanceId() {
		return this.instanceId;
	}

	/**
	 * Publish this instance's member node and start following the others.
	 * @param record this instance's member data
	 * @param membersChanged told (on Curator's event thread) when a member joins or leaves
	 */
	synchronized void start(MemberRecord record, Runnable membersChanged) {
		CuratorCache cache = CuratorCache.build(this.curator, this.paths.members());
		cache.listenable()
			.addListener(CuratorCacheListener.builder()
				.forCreates((node) -> membersChanged.run())
				.forDeletes((node) -> membersChanged.run())
				.forInitialized(membersChanged)
				.build());
		cache.listenable().addListener((type, oldData, data) -> this.changes.incrementAndGet());
		cache.start();
		this.members = cache;
		this.published = record;
		PersistentNode node = new PersistentNode(this.curator, CreateMode.EPHEMERAL, false,
				this.paths.member(this.instanceId), this.codec.write(record));
		node.start();
		this.ownNode = node;
	}

	/**
	 * Publish new capacity figures if they changed.
	 * @param record the new member data
	 */
	void update(MemberRecord record) {
		PersistentNode node = this.ownNode;
		if (node == null || record.equals(this.published)) {
			return;
		}
		try {
			node.setData(this.codec.write(record));
			this.published = record;
		}
		catch (Exception ex) {
			logger.debug("Could not update member node of " + this.instanceId + ": " + ex);
		}
	}

	/**
	 * Whether a live member serves the task name. {@code true} while the view is not
	 * started, so that nothing is counted as unserved by mistake.
	 * @param name the task name
	 * @return whether someone serves it
	 */
	boolean isServed(String name) {
		if (this.members == null) {
			return true;
		}
		Served known = this.served;
		long now = this.changes.get();
		if (known.asOf() != now) {
			Set<String> names = new HashSet<>();
			records().forEach((record) -> names.addAll(record.tasks().keySet()));
			known = new Served(now, names);
			this.served = known;
		}
		return known.names().contains(name);
	}

	/** The names served as of a count of cache changes. */
	private record Served(long asOf, Set<String> names) {
	}

	/**
	 * Return the live members serving each task name, with their capacity.
	 * @return name to instance id to capacity
	 */
	public Map<String, Map<String, MemberRecord.Capacity>> servingByName() {
		Map<String, Map<String, MemberRecord.Capacity>> result = new TreeMap<>();
		for (MemberRecord record : records()) {
			record.tasks().forEach((name, capacity) -> result.computeIfAbsent(name, (key) -> new TreeMap<>())
				.put(record.instanceId(), capacity));
		}
		return result;
	}

	private List<MemberRecord> records() {
		CuratorCache cache = this.members;
		if (cache == null) {
			return List.of();
		}
		String root = this.paths.members();
		List<MemberRecord> records = new ArrayList<>();
		Map<String, Parsed> seen = new HashMap<>();
		cache.stream()
			.filter((data) -> root.equals(ZKPaths.getPathAndNode(data.getPath()).getPath()))
			.forEach((data) -> {
				Parsed parsed = parse(data);
				seen.put(data.getPath(), parsed);
				if (parsed.record() != null) {
					records.add(parsed.record());
				}
			});
		this.parsed = seen;
		return records;
	}

	/** The member record of a cached node, parsed again only when the node changed. */
	private Parsed parse(ChildData data) {
		Parsed known = this.parsed.get(data.getPath());
		if (known != null && known.data() == data) {
			return known;
		}
		MemberRecord record;
		try {
			record = (data.getData() != null) ? this.codec.read(data.getData(), MemberRecord.class) : null;
		}
		catch (RuntimeException ex) {
			record = null;
		}
		return new Parsed(data, record);
	}

	/** A cached member node (the cache replaces its {@link ChildData} on every change) and its record. */
	private record Parsed(ChildData data, @Nullable MemberRecord record) {
	}

	synchronized void close() {
		try {
			if (this.ownNode != null) {
				this.ownNode.close();
			}
		}
		catch (Exception ex) {
			logger.debug("Could not remove member node of " + this.instanceId + ": " + ex);
		}
		if (this.members != null) {
			this.members.close();
		}
		this.ownNode = null;
		this.members = null;
	}

}
