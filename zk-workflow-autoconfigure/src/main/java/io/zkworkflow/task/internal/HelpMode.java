package io.zkworkflow.task.internal;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.watch.PersistentWatcher;
import org.apache.zookeeper.Watcher;
import org.jspecify.annotations.Nullable;

/**
 * Whether this instance helps the others with their shards, and the watch on the whole ready
 * root it keeps while it does. It helps as soon as one of its claiming threads waited for work
 * since the last tick, and stops after {@link #BUSY_TICKS} ticks in a row in which none did:
 * it has its own work to do. Not thread-safe: {@link ReadyQueueWatcher} calls it under its own
 * monitor.
 */
final class HelpMode {

	/** Ticks without an idle thread after which this instance stops helping. */
	static final int BUSY_TICKS = 2;

	private final CuratorFramework curator;

	private final String root;

	private final Watcher changed;

	private final Runnable reset;

	private final Runnable stopped;

	private @Nullable PersistentWatcher watch;

	/** Ticks in a row without an idle thread. */
	private int busyTicks;

	/**
	 * Create a policy that does not help yet.
	 * @param curator the client
	 * @param root the ready root
	 * @param changed what hears every event below the root while helping
	 * @param reset what to do when the root watch was (re)set: list the other instances' shards
	 * @param stopped what to do on stopping: forget the other instances' shards
	 */
	HelpMode(CuratorFramework curator, String root, Watcher changed, Runnable reset, Runnable stopped) {
		this.curator = curator;
		this.root = root;
		this.changed = changed;
		this.reset = reset;
		this.stopped = stopped;
	}

	boolean isHelping() {
		return this.watch != null;
	}

	/**
	 * One tick: help when a thread waited for work since the last one, stop once busy for long
	 * enough.
	 * @param waited whether a claiming thread waited for work since the last tick
	 */
	void tick(boolean waited) {
		this.busyTicks = waited ? 0 : this.busyTicks + 1;
		if (waited && this.watch == null) {
			start();
		}
		else if (this.busyTicks >= BUSY_TICKS && this.watch != null) {
			stop();
		}
	}

	void start() {
		PersistentWatcher rootWatch = new PersistentWatcher(this.curator, this.root, true);
		rootWatch.getListenable().addListener(this.changed);
		rootWatch.getResetListenable().addListener(this.reset::run);
		this.watch = rootWatch;
		rootWatch.start();
	}

	void stop() {
		PersistentWatcher rootWatch = this.watch;
		if (rootWatch == null) {
			return;
		}
		rootWatch.close();
		this.watch = null;
		this.stopped.run();
	}

}
