package io.zkworkflow.internal;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * Waits for an outcome that ZooKeeper will hold, driven by one-shot watches instead of a
 * polling loop. A wait's {@link Check} reads what it needs through {@link Watches}, which
 * leaves a watch on every znode it reads; an event on any of them, and every reconnect of the
 * client (a new session has none of the old watches), runs the check again until it returns
 * the outcome or throws. Checks run one at a time per wait, on this class's own pool (never on
 * ZooKeeper's event thread), and so do the dependent stages of the futures. A finished wait
 * removes its watches.
 */
public final class ZnodeWaiter implements AutoCloseable {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final CuratorFramework curator;

	private final ExecutorService pool;

	private final Set<Wait<?>> waits = ConcurrentHashMap.newKeySet();

	private final ConnectionStateListener reconnects = (client, state) -> {
		if (state == ConnectionState.RECONNECTED) {
			this.waits.forEach((wait) -> wait.request(false));
		}
	};

	private volatile boolean closed;

	/**
	 * Create a waiter.
	 * @param curator the client
	 * @param name what its threads are called after, such as {@code task-result}
	 */
	public ZnodeWaiter(CuratorFramework curator, String name) {
		this.curator = curator;
		String prefix = "zk-" + name + "-" + POOLS.incrementAndGet() + "-";
		AtomicInteger threads = new AtomicInteger();
		// a cached pool of its own: short blocking reads and the futures' dependent stages reuse
		// threads, which Boot's simple executor (a new thread each task) would not
		this.pool = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		WorkingClient.addListener(curator, this.reconnects);
	}

	/**
	 * Start a wait. With {@code here}, the first check runs on the caller's thread, so that an
	 * outcome already in ZooKeeper completes the future before this method returns.
	 * @param <R> the outcome's type
	 * @param check reads the outcome, {@code null} while there is none
	 * @param here whether the first check runs on the caller's thread
	 * @return the outcome, or the exception the check threw; cancelling it ends the wait
	 */
	public <R> CompletableFuture<R> await(Check<R> check, boolean here) {
		Wait<R> wait = new Wait<>(check);
		if (this.closed) {
			wait.future.completeExceptionally(closedFailure());
			return wait.future;
		}
		this.waits.add(wait);
		wait.future.whenComplete((outcome, failure) -> wait.finished());
		wait.request(here);
		return wait.future;
	}

	/** Stop: waits still open fail, the pool stops. */
	@Override
	public void close() {
		this.closed = true;
		WorkingClient.removeListener(this.curator, this.reconnects);
		this.waits.forEach((wait) -> wait.future.completeExceptionally(closedFailure()));
		this.pool.shutdown();
	}

	private static IllegalStateException closedFailure() {
		return new IllegalStateException("Stopped waiting: the client is closed (its application context is "
				+ "shutting down). The outcome stays in ZooKeeper; ask another instance.");
	}

	/**
	 * Reads an outcome, leaving watches on what it read.
	 *
	 * @param <R> the outcome's type
	 */
	@FunctionalInterface
	public interface Check<R> {

		/**
		 * Read the outcome.
		 * @param watches reads that leave a watch
		 * @return the outcome, or {@code null} while there is none
		 * @throws Exception to end the wait with that exception (a lost connection does not:
		 * the check runs again once the client reconnects)
		 */
		@Nullable R check(Watches watches) throws Exception;

	}

	/**
	 * Reads for a {@link Check}: each leaves a one-shot watch that runs the check again.
	 */
	public final class Watches {

		private final Wait<?> wait;

		private Watches(Wait<?> wait) {
			this.wait = wait;
		}

		/**
		 * Return whether a znode exists, watching for its creation, change or deletion.
		 * @param path the znode
		 * @return its stat, {@code null} when absent
		 */
		public @Nullable Stat exists(String path) throws Exception {
			this.wait.watched.add(path);
			return ZnodeWaiter.this.curator.checkExists().usingWatcher(this.wait).forPath(path);
		}

		/**
		 * Read a znode, watching for its change or deletion, or for its creation when absent.
		 * @param path the znode
		 * @return its data, {@code null} when absent
		 */
		public byte @Nullable [] data(String path) throws Exception {
			this.wait.watched.add(path);
			while (true) {
				try {
					return ZnodeWaiter.this.curator.getData().usingWatcher(this.wait).forPath(path);
				}
				catch (KeeperException.NoNodeException ex) {
					if (exists(path) == null) {
						return null;
					}
					// created in between: read it
				}
			}
		}

	}

	private final class Wait<R> implements Watcher {

		private final Check<R> check;

		private final CompletableFuture<R> future = new CompletableFuture<>();

		private final Set<String> watched = ConcurrentHashMap.newKeySet();

		private final AtomicInteger requests = new AtomicInteger();

		private Wait(Check<R> check) {
			this.check = check;
		}

		@Override
		public void process(WatchedEvent event) {
			// connection events: a reconnect runs every check (ConnectionStateListener)
			if (event.getType() != Event.EventType.None) {
				request(false);
			}
		}

		/** Run the check again; requests made while it runs coalesce into one more run. */
		void request(boolean here) {
			if (this.future.isDone() || this.requests.getAndIncrement() > 0) {
				return;
			}
			if (here) {
				drain();
				return;
			}
			try {
				ZnodeWaiter.this.pool.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				this.future.completeExceptionally(closedFailure());
			}
		}

		private void drain() {
			int seen;
			do {
				seen = this.requests.get();
				checkOnce();
			}
			while (this.requests.addAndGet(-seen) != 0);
		}

		private void checkOnce() {
			if (this.future.isDone()) {
				return;
			}
			try {
				R outcome = this.check.check(new Watches(this));
				if (outcome != null) {
					this.future.complete(outcome);
				}
			}
			catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException
					| KeeperException.SessionMovedException ex) {
				// the reconnect runs the check again; if it came already, run it now
				if (ZnodeWaiter.this.curator.getZookeeperClient().isConnected()) {
					this.requests.incrementAndGet();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.future.completeExceptionally(ex);
			}
			catch (Throwable ex) {
				this.future.completeExceptionally(ex);
			}
		}

		void finished() {
			ZnodeWaiter.this.waits.remove(this);
			for (String path : this.watched) {
				try {
					ZnodeWaiter.this.curator.watchers()
						.remove(this)
						.ofType(WatcherType.Any)
						.locally()
						.quietly()
						.inBackground()
						.forPath(path);
				}
				catch (Exception ex) {
					// the client is closing, or the watch already fired: nothing to remove
				}
			}
		}

	}

}
