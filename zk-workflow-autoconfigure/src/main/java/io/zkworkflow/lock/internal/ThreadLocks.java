package io.zkworkflow.lock.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import io.zkworkflow.lock.LockState;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The locks the current thread runs under, innermost last, for reentrancy and
 * {@code LockContext.current()}. The innermost token is in the MDC as {@value #MDC_KEY}.
 */
public final class ThreadLocks {

	/** MDC key of the innermost lock's fencing token. */
	public static final String MDC_KEY = "zk.workflow.lock.token";

	private static final ThreadLocal<ArrayDeque<LockLease>> leases = new ThreadLocal<>();

	private ThreadLocks() {
	}

	/**
	 * Return the innermost lock of the current thread.
	 * @return the lock or {@code null}
	 */
	public static @Nullable HeldLock current() {
		ArrayDeque<LockLease> stack = leases.get();
		if (stack == null) {
			return null;
		}
		prune(stack);
		LockLease top = stack.peekLast();
		return (top != null) ? top.lock() : null;
	}

	/**
	 * Return every lock the current thread runs under.
	 * @return the locks, outermost first
	 */
	public static List<HeldLock> all() {
		ArrayDeque<LockLease> stack = leases.get();
		List<HeldLock> result = new ArrayList<>();
		if (stack != null) {
			prune(stack);
			for (LockLease lease : stack) {
				if (!result.contains(lease.lock())) {
					result.add(lease.lock());
				}
			}
		}
		return result;
	}

	static @Nullable HeldLock find(HeldLockRegistry registry, String name, @Nullable String key) {
		ArrayDeque<LockLease> stack = leases.get();
		if (stack == null) {
			return null;
		}
		prune(stack);
		for (LockLease lease : stack) {
			HeldLock lock = lease.lock();
			if (lock.registry == registry && lock.name().equals(name) && Objects.equals(lock.key(), key)) {
				return lock;
			}
		}
		return null;
	}

	static void push(LockLease lease) {
		ArrayDeque<LockLease> stack = leases.get();
		if (stack == null) {
			stack = new ArrayDeque<>(4);
			leases.set(stack);
		}
		stack.addLast(lease);
		MDC.put(MDC_KEY, Long.toString(lease.fencingToken()));
	}

	static void remove(LockLease lease) {
		ArrayDeque<LockLease> stack = leases.get();
		if (stack != null && stack.removeLastOccurrence(lease)) {
			updateMdc(stack);
		}
	}

	private static void prune(ArrayDeque<LockLease> stack) {
		boolean changed = false;
		for (Iterator<LockLease> it = stack.iterator(); it.hasNext();) {
			LockLease lease = it.next();
			if (lease.isClosed() || lease.state() == LockState.RELEASED) {
				it.remove();
				changed = true;
			}
		}
		if (changed) {
			updateMdc(stack);
		}
	}

	private static void updateMdc(ArrayDeque<LockLease> stack) {
		LockLease top = stack.peekLast();
		if (top != null) {
			MDC.put(MDC_KEY, Long.toString(top.fencingToken()));
		}
		else {
			MDC.remove(MDC_KEY);
			leases.remove();
		}
	}

}
