package io.zkworkflow.task.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * Group commit on the client: the transactions that worker threads commit at the same time
 * (claims, completions) are sent to ZooKeeper as one multi, so a busy worker sends one request
 * where it sent dozens. Each caller still waits for its own transaction, and each transaction
 * keeps its own meaning:
 * <ul>
 * <li>A multi is all or nothing, so when one caller's operation fails (a ready node another
 * instance claimed, a lease that is gone) nothing of the batch is committed: that caller alone
 * is refused, with the failed operation's index within its own transaction, and the others
 * are sent again without it.</li>
 * <li>A create whose parent is missing (first use of a bucket or shard) has the parent created
 * (in the background) and the batch sent again, as {@link Transactions#commit} does.</li>
 * <li>A failure that belongs to no operation (connection loss, session expired) fails every
 * caller of that batch with it.</li>
 * </ul>
 * With fewer than {@link #MAX_IN_FLIGHT} batches in flight a transaction is sent at once, so
 * batching adds no wait at light load; otherwise the next callers queue up and go together as
 * soon as a batch returns.
 */
final class MultiBatcher {

	/** Most batches in flight together (ZooKeeper commits those that arrive together in one group). */
	static final int MAX_IN_FLIGHT = 4;

	/** Most transactions in one multi. */
	static final int MAX_ITEMS = 64;

	/** Most payload bytes in one multi (ZooKeeper refuses requests over about 1 MB). */
	static final int MAX_BYTES = 256 * 1024;

	/**
	 * A submit can meet up to four missing parents (marker bucket, data and ready shards, index
	 * bucket), one per try; one more for a container the server removed meanwhile.
	 */
	private static final int PARENT_RETRIES = 5;

	private static final long WAIT_SECONDS = 120;

	private final CuratorFramework curator;

	private final ArrayDeque<BatchedTransaction> queue = new ArrayDeque<>();

	private final int maxInFlight;

	/** Batches sent and not answered yet; guarded by {@code this}. */
	private int inFlight;

	MultiBatcher(CuratorFramework curator) {
		this(curator, MAX_IN_FLIGHT);
	}

	MultiBatcher(CuratorFramework curator, int maxInFlight) {
		this.curator = curator;
		this.maxInFlight = maxInFlight;
	}

	/**
	 * Commit {@code ops} as one transaction, possibly in one multi with other callers'.
	 * @param ops the operations
	 * @throws KeeperException when the transaction is refused ({@link Transactions#failure}
	 * tells which of {@code ops} failed) or ZooKeeper cannot be reached
	 */
	void commit(List<CuratorOp> ops) throws Exception {
		await(submitAll(List.of(ops)).get(0));
	}

	/**
	 * Queue transactions together (they go in one multi when a batch slot is free) and return
	 * at once; each future completes when its transaction committed, or fails as
	 * {@link #commit} throws.
	 * @param transactions the transactions, each a list of operations
	 * @return one future per transaction, in order
	 */
	List<CompletableFuture<Void>> submitAll(List<List<CuratorOp>> transactions) {
		List<CompletableFuture<Void>> results = new ArrayList<>(transactions.size());
		List<BatchedTransaction> items = new ArrayList<>(transactions.size());
		for (List<CuratorOp> ops : transactions) {
			BatchedTransaction item = new BatchedTransaction(ops);
			items.add(item);
			results.add(item.result);
		}
		enqueue(items);
		return results;
	}

	/** Queue items at the tail and send a batch if a slot is free. */
	private void enqueue(List<BatchedTransaction> items) {
		List<BatchedTransaction> batch;
		synchronized (this) {
			this.queue.addAll(items);
			batch = (this.inFlight < this.maxInFlight) ? nextBatch() : null;
		}
		if (batch != null) {
			send(batch);
		}
	}

	private static void await(CompletableFuture<Void> result) throws Exception {
		boolean interrupted = false;
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
			while (true) {
				try {
					result.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
					return;
				}
				catch (InterruptedException ex) {
					// the transaction is in flight: its outcome must be known, so wait on
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof Exception cause) {
						throw cause;
					}
					throw ex;
				}
				catch (TimeoutException ex) {
					throw new KeeperException.OperationTimeoutException();
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Take the next batch off the queue and count it in flight; {@code null} when empty. */
	private @Nullable List<BatchedTransaction> nextBatch() {
		if (this.queue.isEmpty()) {
			return null;
		}
		List<BatchedTransaction> batch = new ArrayList<>();
		int bytes = 0;
		BatchedTransaction next;
		while ((next = this.queue.peekFirst()) != null && batch.size() < MAX_ITEMS
				&& (batch.isEmpty() || bytes + next.bytes <= MAX_BYTES)) {
			batch.add(this.queue.pollFirst());
			bytes += next.bytes;
		}
		this.inFlight++;
		return batch;
	}


	private void send(List<BatchedTransaction> batch) {
		List<CuratorOp> ops = new ArrayList<>();
		for (BatchedTransaction item : batch) {
			ops.addAll(item.ops);
		}
		try {
			this.curator.transaction().inBackground((client, event) -> answered(batch, event)).forOperations(ops);
		}
		catch (Exception ex) {
			batch.forEach((item) -> item.result.completeExceptionally(ex));
			sendNext(List.of());
		}
	}

	private void answered(List<BatchedTransaction> batch, CuratorEvent event) {
		if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
			batch.forEach((item) -> item.result.complete(null));
			sendNext(List.of());
			return;
		}
		Transactions.Failure failure = Transactions.failure(event.getOpResults());
		if (failure == null) {
			KeeperException ex = KeeperException.create(KeeperException.Code.get(event.getResultCode()));
			batch.forEach((item) -> item.result.completeExceptionally(ex));
			sendNext(List.of());
			return;
		}
		int first = 0;
		for (BatchedTransaction item : batch) {
			int index = failure.index() - first;
			if (index < item.ops.size()) {
				refused(batch, item, index, failure.code());
				return;
			}
			first += item.ops.size();
		}
		batch.forEach((item) -> item.result.completeExceptionally(KeeperException.create(failure.code())));
		sendNext(List.of());
	}

	/** One item's operation failed: create a missing parent and retry, or refuse that item. */
	private void refused(List<BatchedTransaction> batch, BatchedTransaction item, int index,
			KeeperException.Code code) {
		CuratorOp op = item.ops.get(index);
		String path = op.getTypeAndPath().getForPath();
		if (code == KeeperException.Code.NONODE && op.getTypeAndPath().getType() == OperationType.CREATE
				&& item.parentRetries++ < PARENT_RETRIES) {
			String parent = ZKPaths.getPathAndNode(path).getPath();
			try {
				// in the background: the retried batch goes once the parent exists (or failed to)
				this.curator.create()
					.creatingParentsIfNeeded()
					.withMode(Transactions.modeOf(parent))
					.inBackground((client, created) -> sendNext(batch))
					.forPath(parent);
			}
			catch (Exception ex) {
				sendNext(batch);
			}
			return;
		}
		BatchedTransaction creator = (code == KeeperException.Code.NODEEXISTS) ? earlierCreator(batch, item, path)
				: null;
		if (creator != null) {
			// the node exists only inside this multi: an earlier transaction of the batch creates
			// it (two submits racing for one key). Every later transaction creating it waits for
			// that one's answer, then goes in another multi and meets the real node, or none.
			List<BatchedTransaction> waiting = batch.subList(batch.indexOf(creator) + 1, batch.size())
				.stream()
				.filter((other) -> other.creates(path))
				.toList();
			creator.result.whenComplete((committed, failed) -> enqueue(waiting));
			List<BatchedTransaction> others = new ArrayList<>(batch);
			others.removeAll(waiting);
			sendNext(others);
			return;
		}
		item.result
			.completeExceptionally(new TransactionRefusedException(new Transactions.Failure(index, code), path));
		List<BatchedTransaction> others = new ArrayList<>(batch);
		others.remove(item);
		sendNext(others);
	}

	/** The first transaction before {@code item} in {@code batch} that creates {@code path}, if any. */
	private static @Nullable BatchedTransaction earlierCreator(List<BatchedTransaction> batch,
			BatchedTransaction item, String path) {
		for (BatchedTransaction other : batch) {
			if (other == item) {
				return null;
			}
			if (other.creates(path)) {
				return other;
			}
		}
		return null;
	}


	/**
	 * One batch was answered: put {@code retry} back at the head of the queue, then send the
	 * next batch, if any.
	 */
	private void sendNext(List<BatchedTransaction> retry) {
		List<BatchedTransaction> batch;
		synchronized (this) {
			this.inFlight--;
			for (int i = retry.size() - 1; i >= 0; i--) {
				this.queue.addFirst(retry.get(i));
			}
			batch = nextBatch();
		}
		if (batch != null) {
			send(batch);
		}
	}

}
