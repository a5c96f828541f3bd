package io.zkworkflow.config.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * The configuration tree as seen through one {@link CuratorCache} per context (and one
 * single-node cache per exact-znode key). Its listeners only signal that something changed;
 * the apply thread then reads a consistent {@link TreeView} through {@link #read}.
 */
final class ConfigTree implements AutoCloseable {

	private @Nullable CuratorFramework curator;

	private final List<String> contexts;

	private final Runnable changed;

	private final DocumentParser documents;

	private final ContextManifest manifests;

	private final Map<String, CuratorCache> contextCaches = new LinkedHashMap<>();

	private final Map<String, CuratorCache> exactCaches = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> initialized = new ConcurrentHashMap<>();

	private final Map<String, Map<String, RawEntry>> lastConsistent = new HashMap<>();

	private final Map<String, Long> lastEvent = new ConcurrentHashMap<>();

	private final Duration consistencyWait;

	ConfigTree(List<String> contexts, Runnable changed, DocumentParser documents, ContextManifest manifests,
			Duration consistencyWait) {
		this.contexts = List.copyOf(contexts);
		this.changed = changed;
		this.documents = documents;
		this.manifests = manifests;
		this.consistencyWait = consistencyWait;
	}

	List<String> contexts() {
		return this.contexts;
	}

	/**
	 * Start one cache per context on the client, once the context is refreshed.
	 * @param curator the started client
	 */
	synchronized void start(CuratorFramework curator) {
		this.curator = curator;
		for (String context : this.contexts) {
			CuratorCache cache = CuratorCache.build(curator, context);
			this.contextCaches.put(context, cache);
			startCache(context, cache);
		}
	}

	/**
	 * Start watching one exact znode (a key that starts with '/'), if not watched yet.
	 * @param path the znode path
	 * @return a latch released once the znode's first state is known, or {@code null} when the
	 * tree was never started (no usable client)
	 */
	@Nullable CountDownLatch watchExact(String path) {
		synchronized (this) {
			CuratorFramework client = this.curator;
			if (client == null) {
				return null;
			}
			if (!this.exactCaches.containsKey(path)) {
				CuratorCache cache = CuratorCache.build(client, path, CuratorCache.Options.SINGLE_NODE_CACHE);
				this.exactCaches.put(path, cache);
				startCache(path, cache);
			}
		}
		return this.initialized.get(path);
	}

	private void startCache(String path, CuratorCache cache) {
		CountDownLatch latch = new CountDownLatch(1);
		this.initialized.put(path, latch);
		cache.listenable()
			.addListener(CuratorCacheListener.builder()
				.forAll((type, oldData, data) -> {
					this.lastEvent.put(path, System.nanoTime());
					this.changed.run();
				})
				.forInitialized(() -> {
					latch.countDown();
					this.changed.run();
				})
				.build());
		cache.start();
	}

	boolean awaitContexts(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (String context : this.contexts) {
			long left = deadline - System.nanoTime();
			if (!this.initialized.get(context).await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
				return false;
			}
		}
		return true;
	}

	boolean contextsLoaded() {
		return this.contexts.stream().allMatch(this::isInitialized);
	}

	private boolean isInitialized(String path) {
		CountDownLatch latch = this.initialized.get(path);
		return latch != null && latch.getCount() == 0;
	}

	/**
	 * Read the current state. A context whose last template transaction has not fully arrived in
	 * the cache yet is read as it was before that transaction, so that no reader ever sees half
	 * of it. Only when the context's cache has had no event for the consistency wait and
	 * ZooKeeper confirms that a key of that transaction was changed since by another writer (the
	 * transaction will never be seen whole) is it read as is. Only called from the apply thread.
	 * @param applied the state applied so far, kept for what cannot be read yet
	 * @return the view, or {@code null} while the contexts have not loaded
	 */
	synchronized @Nullable TreeView read(Map<String, RawEntry> applied) {
		if (!contextsLoaded()) {
			return null;
		}
		Map<String, RawEntry> entries = new HashMap<>();
		List<TreeView.BrokenUnit> broken = new ArrayList<>();
		boolean waiting = false;
		for (String context : this.contexts) {
			Map<String, ChildData> nodes = nodesOf(this.contextCaches.get(context));
			Map<String, RawEntry> contextEntries;
			boolean complete = this.manifests.isComplete(context, nodes);
			if (complete || superseded(context, nodes)) {
				// complete, or superseded on the server: the transaction will never be seen
				// whole, so read the context as it is
				contextEntries = readContext(context, nodes, applied, broken);
				this.lastConsistent.put(context, contextEntries);
			}
			else {
				waiting = true;
				contextEntries = this.lastConsistent.getOrDefault(context, Map.of());
			}
			entries.putAll(contextEntries);
		}
		for (Map.Entry<String, CuratorCache> exact : this.exactCaches.entrySet()) {
			String path = exact.getKey();
			if (!isInitialized(path)) {
				RawEntry previous = applied.get(path);
				if (previous != null) {
					entries.put(path, previous);
				}
				continue;
			}
			exact.getValue().get(path).ifPresent((data) -> entries.put(path, entryOf(data, null)));
		}
		return new TreeView(entries, broken, waiting);
	}

	// only asked after a quiet period, so the server is consulted rarely
	private boolean superseded(String context, Map<String, ChildData> nodes) {
		boolean quiet = System.nanoTime() - this.lastEvent.getOrDefault(context, 0L) > this.consistencyWait.toNanos();
		if (!quiet) {
			return false;
		}
		CuratorFramework client = this.curator;
		if (client == null) {
			return false;
		}
		try {
			return this.manifests.isSuperseded(context, nodes, client);
		}
		catch (Exception ex) {
			// cannot tell now: keep the last consistent view and look again on the next round
			return false;
		}
	}

	private static Map<String, ChildData> nodesOf(CuratorCache cache) {
		Map<String, ChildData> nodes = new TreeMap<>();
		cache.stream().forEach((data) -> nodes.put(data.getPath(), data));
		return nodes;
	}

	private Map<String, RawEntry> readContext(String context, Map<String, ChildData> nodes,
			Map<String, RawEntry> applied, List<TreeView.BrokenUnit> broken) {
		Set<String> parents = new HashSet<>();
		nodes.keySet().forEach((path) -> parents.add(ZKPaths.getPathAndNode(path).getPath()));
		Map<String, RawEntry> documentEntries = new LinkedHashMap<>();
		Map<String, RawEntry> plainEntries = new LinkedHashMap<>();
		for (ChildData data : nodes.values()) {
			String path = data.getPath();
			if (path.equals(context)) {
				continue;
			}
			String name = ZKPaths.getNodeFromPath(path);
			byte[] bytes = data.getData();
			if (DocumentParser.isDocument(name)) {
				readDocument(context, data, applied, broken, documentEntries);
			}
			else if (bytes != null && bytes.length > 0) {
				plainEntries.put(ConfigPaths.keyOf(context, path), entryOf(data, null));
			}
			else if (!parents.contains(path)) {
				plainEntries.put(ConfigPaths.keyOf(context, path), entryOf(data, null));
			}
		}
		documentEntries.putAll(plainEntries);
		return documentEntries;
	}

	private void readDocument(String context, ChildData data, Map<String, RawEntry> applied,
			List<TreeView.BrokenUnit> broken, Map<String, RawEntry> out) {
		String path = data.getPath();
		String parent = ZKPaths.getPathAndNode(path).getPath();
		String prefix = parent.equals(context) ? "" : ConfigPaths.keyOf(context, parent) + ".";
		byte[] bytes = (data.getData() != null) ? data.getData() : new byte[0];
		try {
			this.documents.parse(ZKPaths.getNodeFromPath(path), bytes)
				.forEach((key, value) -> out.put(prefix + key, new RawEntry(value, path, data.getStat().getVersion(),
						data.getStat().getMzxid(), path)));
		}
		catch (IllegalArgumentException ex) {
			broken.add(new TreeView.BrokenUnit(path, data.getStat().getVersion(), ex.getMessage()));
			applied.forEach((key, entry) -> {
				if (path.equals(entry.unit())) {
					out.put(key, entry);
				}
			});
		}
	}

	private static RawEntry entryOf(ChildData data, @Nullable String unit) {
		byte[] bytes = data.getData();
		String value = (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "";
		return new RawEntry(value, data.getPath(), data.getStat().getVersion(), data.getStat().getMzxid(), unit);
	}

	@Override
	public synchronized void close() {
		this.contextCaches.values().forEach(CuratorCache::close);
		this.exactCaches.values().forEach(CuratorCache::close);
	}

}
