package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Lists the ready root of one task name (which shards exist) and its shards (which ready
 * nodes wait there), in the background. Shard listings wait in a queue, own shards first, at
 * most {@link #LISTINGS_IN_FLIGHT} in flight: with a deep backlog each is a large answer, and
 * sending them all at once made claims wait behind them.
 */
final class ShardLister {

	private static final Log logger = LogFactory.getLog(ShardLister.class);

	/** Shard listings in flight together. */
	static final int LISTINGS_IN_FLIGHT = 2;

	private final CuratorFramework curator;

	private final String root;

	private final Predicate<String> own;

	private final BiConsumer<String, List<String>> listed;

	private final BooleanSupplier open;

	/** Guarded by {@code this}. */
	private final Set<String> queued = new LinkedHashSet<>();

	/** Guarded by {@code this}. */
	private int inFlight;

	/**
	 * Create a lister.
	 * @param curator the client
	 * @param root the ready root whose children are the shards
	 * @param own whether a shard is one of this instance's own (listed first)
	 * @param listed what to do with a shard's listing: its name and its children
	 * @param open whether listings are still wanted
	 */
	ShardLister(CuratorFramework curator, String root, Predicate<String> own, BiConsumer<String, List<String>> listed,
			BooleanSupplier open) {
		this.curator = curator;
		this.root = root;
		this.own = own;
		this.listed = listed;
		this.open = open;
	}

	/** List the root's children, the shards, and hand them to {@code found}. */
	void listRoot(Consumer<List<String>> found) {
		try {
			this.curator.getChildren().inBackground((client, event) -> {
				if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
					found.accept(event.getChildren());
				}
			}).forPath(this.root);
		}
		catch (Exception ex) {
			logger.debug("Could not list " + this.root + ": " + ex);
		}
	}

	/** Queue listings of these shards. */
	void list(Collection<String> shards) {
		List<String> sorted = new ArrayList<>(shards);
		sorted.sort(Comparator.comparing((String shard) -> !this.own.test(shard)));
		synchronized (this) {
			this.queued.addAll(sorted);
		}
		sendMore();
	}

	private void sendMore() {
		while (this.open.getAsBoolean()) {
			String shard;
			synchronized (this) {
				if (this.inFlight >= LISTINGS_IN_FLIGHT || this.queued.isEmpty()) {
					return;
				}
				Iterator<String> first = this.queued.iterator();
				shard = first.next();
				first.remove();
				this.inFlight++;
			}
			try {
				this.curator.getChildren().inBackground((client, event) -> {
					done();
					if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
						this.listed.accept(shard, event.getChildren());
					}
					sendMore();
				}).forPath(ZKPaths.makePath(this.root, shard));
			}
			catch (Exception ex) {
				done();
				logger.debug("Could not list shard " + shard + " of " + this.root + ": " + ex);
			}
		}
	}

	private synchronized void done() {
		this.inFlight--;
	}

}
