package io.zkworkflow.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A guarded resource shared by all instances of a test: keeps the highest token seen, refuses
 * lower ones, and counts overlapping holders.
 */
final class FencedResource {

	private final AtomicInteger inside = new AtomicInteger();

	private final AtomicInteger overlaps = new AtomicInteger();

	private final List<Long> tokens = new ArrayList<>();

	private long highest = Long.MIN_VALUE;

	private int refused;

	void write(long token) {
		if (this.inside.incrementAndGet() > 1) {
			this.overlaps.incrementAndGet();
		}
		try {
			synchronized (this) {
				if (token <= this.highest) {
					this.refused++;
				}
				else {
					this.highest = token;
				}
				this.tokens.add(token);
			}
			Thread.yield();
		}
		finally {
			this.inside.decrementAndGet();
		}
	}

	int overlaps() {
		return this.overlaps.get();
	}

	synchronized int refused() {
		return this.refused;
	}

	synchronized List<Long> tokens() {
		return List.copyOf(this.tokens);
	}

}
