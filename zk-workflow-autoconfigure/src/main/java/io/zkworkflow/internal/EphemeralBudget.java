package io.zkworkflow.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.jspecify.annotations.Nullable;

/**
 * How many ephemeral znodes this instance's ZooKeeper session owns, and how large the record
 * that closes the session will be.
 * <p>
 * When a session ends, the leader logs one close-session transaction that lists every
 * ephemeral path of the session. Its jute form is a vector of strings: a 4-byte element count,
 * then per path a 4-byte length and the path's UTF-8 bytes. A server reads each record back
 * with the limit {@code jute.maxbuffer}, so a record over that limit makes every server's log
 * unreadable and the ensemble cannot elect a leader again. This budget keeps the record well
 * below the limit: a node is reserved before it is created and released once it is gone, and
 * a request that would pass the budget is refused before it reaches ZooKeeper.
 * <p>
 * Two kinds of reservation: per session (lock requests, leases), which end with the session
 * that owns them, so a new session starts counting from zero; and standing ones (the member
 * node, the discovery registration), which recipes re-create in every session and which are
 * counted in every session until released. Reserving and releasing take a short monitor and
 * never call ZooKeeper.
 */
public final class EphemeralBudget implements ConnectionStateListener {

	/** The system property ZooKeeper reads its record limit from, on servers and clients alike. */
	public static final String JUTE_MAXBUFFER = "jute.maxbuffer";

	/** ZooKeeper's default record limit, as ZooKeeper itself defaults it. */
	public static final int DEFAULT_JUTE_MAXBUFFER = 0xfffff;

	/** Per path: the 4-byte length that precedes each string in the close-session record. */
	public static final int PATH_OVERHEAD = 4;

	/** Per record: the 4-byte element count of the vector of paths. */
	static final int RECORD_OVERHEAD = 4;

	private static final double WARN_ABOVE = 0.8;

	private static final double REARM_BELOW = 0.7;

	private static final int RETIRED_SESSIONS = 8;

	private static final Log logger = LogFactory.getLog(EphemeralBudget.class);

	private final long maxBytes;

	private final long maxCount;

	private long session;

	private long count;

	private long bytes;

	private long standingCount;

	private long standingBytes;

	private boolean warned;

	private final Deque<Long> retired = new ArrayDeque<>();

	/**
	 * Create a budget.
	 * @param maxBytes most bytes of close-session record (paths plus their overhead)
	 * @param maxCount most ephemeral znodes; {@code Long.MAX_VALUE} for no count limit
	 */
	public EphemeralBudget(long maxBytes, long maxCount) {
		if (maxBytes <= RECORD_OVERHEAD || maxCount <= 0) {
			throw new IllegalArgumentException("An ephemeral budget needs more than " + RECORD_OVERHEAD
					+ " bytes and at least one node; got " + maxBytes + " bytes and " + maxCount + " nodes");
		}
		this.maxBytes = maxBytes;
		this.maxCount = maxCount;
	}

	/**
	 * Return the default budget: half of {@code jute.maxbuffer} as this JVM sees it (ZooKeeper's
	 * own default when the property is unset), no count limit.
	 * @return a new budget
	 */
	public static EphemeralBudget withDefaults() {
		return new EphemeralBudget(defaultMaxBytes(), Long.MAX_VALUE);
	}

	/**
	 * Return half of the record limit this JVM's ZooKeeper client uses.
	 * @return the default number of bytes
	 */
	public static long defaultMaxBytes() {
		return Integer.getInteger(JUTE_MAXBUFFER, DEFAULT_JUTE_MAXBUFFER) / 2;
	}

	/**
	 * Return what one ephemeral path adds to the close-session record.
	 * @param path the full path as the server stores it (after the client's namespace)
	 * @return its size in bytes
	 */
	public static long sizeOf(String path) {
		return PATH_OVERHEAD + utf8Length(path);
	}

	/**
	 * Reserve one node of {@code bytes} for the given session, unless that passes the budget.
	 * A session the client no longer has gets a reservation that counts nothing: whatever it
	 * creates ends with that session.
	 * @param sessionId the session that will own the node
	 * @param bytes what the node adds to the record ({@link #sizeOf})
	 * @return the reservation, or {@code null} when refused
	 */
	public @Nullable EphemeralReservation tryReserve(long sessionId, long bytes) {
		synchronized (this) {
			observe(sessionId);
			if (sessionId != this.session) {
				return new EphemeralReservation(this, sessionId, 0, false);
			}
			if (wouldExceed(1, bytes)) {
				return null;
			}
			this.count++;
			this.bytes += bytes;
			warnIfHigh();
		}
		return new EphemeralReservation(this, sessionId, bytes, false);
	}

	/**
	 * Count a node that a recipe keeps in every session (never refused).
	 * @param path the node's full path
	 * @return the reservation, to release when the node is removed for good
	 */
	public EphemeralReservation reserveStanding(String path) {
		long size = sizeOf(path);
		synchronized (this) {
			this.standingCount++;
			this.standingBytes += size;
			warnIfHigh();
		}
		return new EphemeralReservation(this, 0, size, true);
	}

	/**
	 * Return the message of a refusal: the use, the budget and how to raise it.
	 * @param bytes the size of the refused node
	 * @return the message
	 */
	public String refusal(long bytes) {
		EphemeralUsage usage = usage();
		return "the ephemeral node budget of this instance's ZooKeeper session would be exceeded (in use "
				+ usage.bytes() + " of " + usage.maxBytes() + " bytes, " + usage.count() + " of "
				+ EphemeralUsage.describeMax(usage.maxCount()) + " nodes; this request needs " + bytes
				+ " bytes). A session closing with more ephemeral paths than jute.maxbuffer holds makes the "
				+ "ensemble's log unreadable. Hold fewer locks or waiters at once, or raise "
				+ "zk-workflow.ephemeral-budget.max-bytes (and max-count), after "
				+ "raising the system property jute.maxbuffer on every ZooKeeper server and client";
	}

	/**
	 * Return the current use.
	 * @return the use and the budget
	 */
	public synchronized EphemeralUsage usage() {
		return new EphemeralUsage(this.count + this.standingCount, this.maxCount,
				RECORD_OVERHEAD + this.bytes + this.standingBytes, this.maxBytes);
	}

	/** Notices a new session as soon as the client has it, so that the old one's nodes stop counting. */
	@Override
	public void stateChanged(CuratorFramework client, ConnectionState state) {
		if (state.isConnected()) {
			try {
				long sessionId = client.getZookeeperClient().getZooKeeper().getSessionId();
				synchronized (this) {
					observe(sessionId);
				}
			}
			catch (Exception ex) {
				// no handle (closing): the next reservation tells the session
			}
		}
	}

	private void observe(long sessionId) {
		if (sessionId == this.session || sessionId == 0 || this.retired.contains(sessionId)) {
			return;
		}
		if (this.session != 0) {
			this.retired.addFirst(this.session);
			if (this.retired.size() > RETIRED_SESSIONS) {
				this.retired.removeLast();
			}
		}
		this.session = sessionId;
		this.count = 0;
		this.bytes = 0;
		rearmIfLow();
	}

	private boolean wouldExceed(long nodes, long size) {
		long totalCount = this.count + this.standingCount + nodes;
		long totalBytes = RECORD_OVERHEAD + this.bytes + this.standingBytes + size;
		return totalCount > this.maxCount || totalBytes > this.maxBytes;
	}

	void released(EphemeralReservation reservation) {
		synchronized (this) {
			if (reservation.standing) {
				this.standingCount--;
				this.standingBytes -= reservation.bytes;
			}
			else if (reservation.sessionId == this.session && reservation.bytes > 0) {
				this.count--;
				this.bytes -= reservation.bytes;
			}
			rearmIfLow();
			notifyAll();
		}
	}

	/**
	 * Wait until one more node of {@code bytes} would fit, or {@code max} has passed. For a
	 * worker that was refused: it pauses instead of asking again at once.
	 * @param bytes the size of the node wanted
	 * @param max the longest wait
	 * @return whether it fits now (another thread may still take the room first)
	 */
	public synchronized boolean awaitRoom(long bytes, Duration max) {
		long deadline = System.nanoTime() + max.toNanos();
		try {
			while (wouldExceed(1, bytes)) {
				long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
				if (remainingMillis <= 0) {
					return false;
				}
				wait(remainingMillis);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !wouldExceed(1, bytes);
		}
	}

	private void warnIfHigh() {
		if (!this.warned && fraction() >= WARN_ABOVE) {
			this.warned = true;
			logger.warn("The ephemeral nodes of this instance's ZooKeeper session use " + Math.round(fraction() * 100)
					+ "% of their budget (" + usage() + "); past the budget, lock requests are refused. "
					+ "See zk-workflow.ephemeral-budget.* and jute.maxbuffer");
		}
	}

	private void rearmIfLow() {
		if (this.warned && fraction() < REARM_BELOW) {
			this.warned = false;
		}
	}

	private double fraction() {
		double byBytes = (double) (RECORD_OVERHEAD + this.bytes + this.standingBytes) / this.maxBytes;
		double byCount = (double) (this.count + this.standingCount) / this.maxCount;
		return Math.max(byBytes, byCount);
	}


	private static int utf8Length(String text) {
		int length = text.length();
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return text.getBytes(StandardCharsets.UTF_8).length;
			}
		}
		return length;
	}

}
