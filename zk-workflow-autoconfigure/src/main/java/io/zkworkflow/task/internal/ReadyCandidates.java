package io.zkworkflow.task.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The queue the claiming threads of one task name take ready nodes from: the
 * {@link KnownReadyNodes known nodes} behind one lock, and the threads that wait for one. A
 * node of an own shard wakes a thread at once; one of another instance's shard only once it
 * has waited {@link #STEAL_AFTER_NANOS} ({@link StealTimer}).
 */
final class ReadyCandidates {

	/** How long a node in another instance's shard waits before this instance takes it. */
	static final long STEAL_AFTER_NANOS = 20_000_000L;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition available = this.lock.newCondition();

	/** Guarded by {@link #lock}. */
	private final KnownReadyNodes known;

	/** Threads waiting in {@link #take}; guarded by {@link #lock}. */
	private int idle;

	/** Whether a thread waited for work since the last {@link #waitedSinceAsked}. */
	private volatile boolean waitedSinceAsked;

	private volatile boolean open;

	ReadyCandidates(String root, Predicate<String> own) {
		this.known = new KnownReadyNodes(root, own);
	}

	void open() {
		this.open = true;
	}

	/** Hand out nothing more and wake every waiting thread. */
	void close() {
		this.open = false;
		locked(this.available::signalAll);
	}

	/**
	 * Return a ready node to try to claim, or {@code null} after the timeout or once closed.
	 * Call {@link #release} when done with it.
	 */
	@Nullable ReadyNode take(long timeout, TimeUnit unit) throws InterruptedException {
		long remaining = unit.toNanos(timeout);
		this.lock.lockInterruptibly();
		try {
			while (this.open) {
				ReadyNode ready = this.known.poll(System.nanoTime());
				if (ready != null) {
					return ready;
				}
				if (remaining <= 0) {
					return null;
				}
				this.idle++;
				this.waitedSinceAsked = true;
				try {
					remaining = this.available.awaitNanos(remaining);
				}
				finally {
					this.idle--;
				}
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	void release(String path) {
		this.known.release(path);
	}

	void skip(String uid) {
		locked(() -> this.known.skip(uid, System.nanoTime()));
	}

	/** Whether a thread waited for work since the last call; one waiting now counts for the next. */
	boolean waitedSinceAsked() {
		boolean waited = this.waitedSinceAsked;
		locked(() -> this.waitedSinceAsked = this.idle > 0);
		return waited;
	}

	/** How many ready nodes of the shard are known. */
	int known(String shard) {
		this.lock.lock();
		try {
			return this.known.count(shard);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Drop what is known of a shard no longer watched (a stale node would only cost a failed claim). */
	void forget(String shard) {
		locked(() -> this.known.forget(shard));
	}

	/**
	 * A ready node was created. In an own shard it wakes a thread and, when one waits for work
	 * and the node has a data node, the task is best read now rather than after waking it: the
	 * returned future is then to be completed with it.
	 * @return the future to read the task into, or {@code null}
	 */
	@Nullable CompletableFuture<ReadyNode.@Nullable Content> created(String shard, String node, long sequence,
			boolean own, boolean hasData) {
		this.lock.lock();
		try {
			CompletableFuture<ReadyNode.@Nullable Content> prefetched = (hasData && own && this.idle > 0
					&& !this.known.contains(shard, sequence)) ? new CompletableFuture<>() : null;
			this.known.add(shard, node, sequence, prefetched);
			if (own) {
				this.available.signal();
			}
			return prefetched;
		}
		finally {
			this.lock.unlock();
		}
	}

	void deleted(String shard, long sequence) {
		locked(() -> this.known.remove(shard, sequence));
	}

	/** A shard was listed: its nodes are now the listed ones (see {@link KnownReadyNodes#replace}). */
	void listed(String shard, List<String> children, boolean own) {
		long now = System.nanoTime();
		locked(() -> {
			if (this.known.replace(shard, children, now) && own) {
				this.available.signalAll();
			}
		});
	}

	/**
	 * Wake the waiting threads when a node of another instance's shard has become stealable.
	 * @param now {@link System#nanoTime()}
	 * @return nanoseconds until the next one does, {@link Long#MAX_VALUE} if none waits for that
	 */
	long wakeIfStealable(long now) {
		this.lock.lock();
		try {
			KnownReadyNodes.Stealable stealable = this.known.stealable(now);
			if (stealable.now()) {
				this.available.signalAll();
			}
			return stealable.nextInNanos();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void locked(Runnable action) {
		this.lock.lock();
		try {
			action.run();
		}
		finally {
			this.lock.unlock();
		}
	}

}
