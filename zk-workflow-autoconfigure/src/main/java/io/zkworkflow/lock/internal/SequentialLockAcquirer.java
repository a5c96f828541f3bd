package io.zkworkflow.lock.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.EphemeralReservation;
import io.zkworkflow.lock.internal.AcquireFailedException.Outcome;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * Exclusive, read and write locks as ordered ephemeral-sequential request nodes.
 * <p>
 * The first round trip is one {@code multi}: create our request node and {@code setData} on
 * the lock directory. The directory's returned {@code Stat} has the number of requests (one
 * means nobody is ahead: acquired, no further round trip) and, as its mzxid, the zxid of the
 * transaction that created our node: the fencing token. Otherwise we list the requests and
 * watch the one we wait for (the previous request; for a reader, the previous writer), so
 * waiters are served in order and no herd wakes up. When that request was the only one ahead
 * of ours, its deletion hands us the lock without listing again: the hand-over from one holder
 * to the next costs one notification, not a notification and a round trip.
 * <p>
 * Request names carry a per-attempt id so that a node created by a retried or abandoned call
 * is recognised as ours and deleted instead of blocking the lock.
 * <p>
 * Every request is an ephemeral node of our session, so each try first reserves its place in
 * the {@link EphemeralBudget}; a request that does not fit is refused before any call.
 */
public final class SequentialLockAcquirer {

	private static final String JVM_ID = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36,
			36L * 36 * 36 * 36 * 36 * 36), 36);

	private static final AtomicLong attempts = new AtomicLong();

	private static final int MAX_DIRECTORY_RETRIES = 10;

	private final CuratorFramework curator;

	private final String holder;

	private final EphemeralBudget budget;

	public SequentialLockAcquirer(CuratorFramework curator, String holder, EphemeralBudget budget) {
		this.curator = curator;
		this.holder = holder;
		this.budget = budget;
	}

	public Acquired acquire(String dir, boolean shared, AcquireDeadline deadline)
			throws AcquireFailedException, InterruptedException {
		String attempt = JVM_ID + Long.toString(attempts.incrementAndGet(), 36);
		String prefix = LockPaths.requestPrefix(dir, shared, attempt);
		byte[] data = (this.holder + "/" + Thread.currentThread().getName()).getBytes(StandardCharsets.UTF_8);
		long size = EphemeralBudget.sizeOf(LockPaths.requestPath(this.curator, prefix));
		for (int tries = 0;; tries++) {
			deadline.awaitConnected(this.curator);
			long session = AcquireDeadline.sessionId(this.curator);
			EphemeralReservation reservation = this.budget.tryReserve(session, size);
			if (reservation == null) {
				throw new AcquireFailedException(Outcome.REFUSED, this.budget.refusal(size), null, null);
			}
			boolean acquired = false;
			try {
				Acquired node = tryOnce(dir, prefix, data, shared, attempt, session, reservation, deadline,
						tries < MAX_DIRECTORY_RETRIES);
				acquired = node != null;
				if (node != null) {
					return node;
				}
			}
			finally {
				if (!acquired) {
					reservation.release();
				}
			}
		}
	}

	/**
	 * Create our request and wait for our turn.
	 * @return the acquired node, or {@code null} to try again (no node of ours is left)
	 */
	private @Nullable Acquired tryOnce(String dir, String prefix, byte[] data, boolean shared, String attempt,
			long session, EphemeralReservation reservation, AcquireDeadline deadline, boolean mayCreateDirectory)
			throws AcquireFailedException, InterruptedException {
		CompletableFuture<CuratorEvent> call = ZkCalls.createRequest(this.curator, prefix, dir, data);
		CuratorEvent event = awaitOrAbandon(call, deadline);
		Code code = ZkCalls.code(event);
		if (code == Code.NONODE && mayCreateDirectory) {
			createDirectory(dir, deadline);
			return null;
		}
		if (code != Code.OK) {
			throw failure(code, "creating the lock request under " + dir);
		}
		List<CuratorTransactionResult> results = event.getOpResults();
		String path = results.get(0).getResultPath();
		Stat directory = results.get(1).getResultStat();
		if (AcquireDeadline.sessionId(this.curator) != session) {
			ZkCalls.deleteGuaranteed(this.curator, path);
			return null;
		}
		if (directory.getNumChildren() == 1) {
			return new Acquired(path, directory.getMzxid(), session, reservation);
		}
		boolean acquired = false;
		try {
			waitForTurn(dir, path, shared, attempt, deadline);
			acquired = true;
			return new Acquired(path, directory.getMzxid(), session, reservation);
		}
		finally {
			if (!acquired) {
				ZkCalls.deleteGuaranteed(this.curator, path);
			}
		}
	}

	private void waitForTurn(String dir, String path, boolean shared, String attempt, AcquireDeadline deadline)
			throws AcquireFailedException, InterruptedException {
		String ours = ZKPaths.getNodeFromPath(path);
		while (true) {
			CuratorEvent listing = await(ZkCalls.children(this.curator, dir), deadline);
			if (ZkCalls.code(listing) != Code.OK) {
				retryAfterConnectionTrouble(ZkCalls.code(listing), "listing " + dir, deadline);
				continue;
			}
			List<String> requests = LockPaths.requestsInOrder(listing.getChildren());
			int index = requests.indexOf(ours);
			if (index < 0) {
				throw new AcquireFailedException(Outcome.ERROR,
						"our request node " + path + " disappeared while waiting (session expired?)", null, null);
			}
			String blocker = blockerOf(dir, requests, index, shared, attempt);
			if (blocker == null) {
				return;
			}
			// when the blocker is the only request ahead of ours, its deletion makes us first: later
			// requests queue behind ours, so no second listing is needed to know it
			boolean onlyOneAhead = index == 1;
			CountDownLatch changed = new CountDownLatch(1);
			AtomicBoolean deleted = new AtomicBoolean();
			CuratorEvent watched = await(ZkCalls.data(this.curator, ZKPaths.makePath(dir, blocker), (event) -> {
				deleted.set(event.getType() == EventType.NodeDeleted);
				changed.countDown();
			}), deadline);
			Code code = ZkCalls.code(watched);
			if (code == Code.NONODE) {
				if (onlyOneAhead) {
					return;
				}
				continue;
			}
			if (code != Code.OK) {
				retryAfterConnectionTrouble(code, "watching " + blocker, deadline);
				continue;
			}
			long remaining = deadline.remainingNanos();
			if (remaining <= 0 || !changed.await(remaining, TimeUnit.NANOSECONDS)) {
				String first = requests.get(0);
				String holderName = first.equals(blocker) ? text(watched.getData()) : readHolder(dir, first);
				throw new AcquireFailedException(Outcome.BUSY, "held by another instance", holderName, null);
			}
			if (onlyOneAhead && deleted.get()) {
				return;
			}
		}
	}

	private @Nullable String blockerOf(String dir, List<String> requests, int index, boolean shared, String attempt) {
		for (int i = index - 1; i >= 0; i--) {
			String candidate = requests.get(i);
			if (LockPaths.attemptOf(candidate).equals(attempt)) {
				// an earlier try of this very attempt whose answer we never saw: ours, remove it
				ZkCalls.deleteGuaranteed(this.curator, ZKPaths.makePath(dir, candidate));
				continue;
			}
			if (!shared || !LockPaths.isShared(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private void createDirectory(String dir, AcquireDeadline deadline)
			throws AcquireFailedException, InterruptedException {
		Code code = ZkCalls.code(await(ZkCalls.createContainer(this.curator, dir), deadline));
		if (code != Code.OK && code != Code.NODEEXISTS) {
			throw failure(code, "creating the lock directory " + dir);
		}
	}

	private void retryAfterConnectionTrouble(Code code, String what, AcquireDeadline deadline)
			throws AcquireFailedException, InterruptedException {
		if (code != Code.CONNECTIONLOSS && code != Code.OPERATIONTIMEOUT) {
			throw failure(code, what);
		}
		if (deadline.remainingNanos() <= 0) {
			throw failure(code, what);
		}
		deadline.awaitConnected(this.curator);
	}

	private @Nullable String readHolder(String dir, String node) {
		try {
			CuratorEvent event = ZkCalls.await(ZkCalls.data(this.curator, ZKPaths.makePath(dir, node)),
					TimeUnit.SECONDS.toNanos(1));
			return (ZkCalls.code(event) == Code.OK) ? text(event.getData()) : null;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return null;
		}
	}

	private CuratorEvent awaitOrAbandon(CompletableFuture<CuratorEvent> call, AcquireDeadline deadline)
			throws AcquireFailedException, InterruptedException {
		try {
			return await(call, deadline);
		}
		catch (AcquireFailedException | InterruptedException ex) {
			// the request may still be created after we gave up: delete it then
			call.thenAccept((event) -> {
				if (ZkCalls.code(event) == Code.OK) {
					ZkCalls.deleteGuaranteed(this.curator, event.getOpResults().get(0).getResultPath());
				}
			});
			throw ex;
		}
	}

	private static CuratorEvent await(CompletableFuture<CuratorEvent> call, AcquireDeadline deadline)
			throws AcquireFailedException, InterruptedException {
		try {
			return ZkCalls.await(call, deadline.roundTripNanos());
		}
		catch (TimeoutException ex) {
			throw new AcquireFailedException(Outcome.UNREACHABLE, "ZooKeeper did not answer in time", null, ex);
		}
		catch (KeeperException ex) {
			throw new AcquireFailedException(Outcome.ERROR, "ZooKeeper call failed: " + ex, null, ex);
		}
	}

	private static AcquireFailedException failure(Code code, String what) {
		Outcome outcome = (code == Code.CONNECTIONLOSS || code == Code.OPERATIONTIMEOUT
				|| code == Code.SESSIONEXPIRED) ? Outcome.UNREACHABLE : Outcome.ERROR;
		return new AcquireFailedException(outcome, "ZooKeeper answered " + code + " when " + what, null, null);
	}

	private static @Nullable String text(byte @Nullable [] data) {
		return (data != null) ? new String(data, StandardCharsets.UTF_8) : null;
	}

}
