package io.zkworkflow.lock.internal;

import io.zkworkflow.lock.LockMode;
import org.jspecify.annotations.Nullable;

/**
 * Where lock measurements go. The Micrometer implementation is used when Micrometer is present;
 * {@link #NONE} otherwise. The lock key is never a tag.
 */
public interface LockMetrics {

	/** Measures nothing. */
	LockMetrics NONE = new LockMetrics() {

		@Override
		public Acquisition startAcquire(String name, LockMode mode, @Nullable String key) {
			return (outcome) -> {
			};
		}

		@Override
		public Held startHeld(String name, LockMode mode, @Nullable String key) {
			return (outcome) -> {
			};
		}

		@Override
		public void lost(String name, LockMode mode) {
		}

	};

	/**
	 * Start timing one acquisition ({@code zk.workflow.lock.acquire}).
	 * @param name the lock name
	 * @param mode the mode
	 * @param key the key within the name, if any (for the observation context only)
	 * @return the running acquisition
	 */
	Acquisition startAcquire(String name, LockMode mode, @Nullable String key);

	/**
	 * Start the held timer ({@code zk.workflow.lock.held}) and the {@code zk.workflow.lock.hold}
	 * observation.
	 * @param name the lock name
	 * @param mode the mode
	 * @param key the key within the name, if any (for the observation context only)
	 * @return what stops them
	 */
	Held startHeld(String name, LockMode mode, @Nullable String key);

	/**
	 * Count one lost lock ({@code zk.workflow.lock.lost}).
	 * @param name the lock name
	 * @param mode the mode
	 */
	void lost(String name, LockMode mode);

	/**
	 * One held lock being timed.
	 */
	@FunctionalInterface
	interface Held {

		/**
		 * Stop timing.
		 * @param outcome {@code released} or {@code lost}
		 */
		void stop(String outcome);

	}

	/**
	 * One acquisition being timed.
	 */
	@FunctionalInterface
	interface Acquisition {

		/**
		 * Stop timing.
		 * @param outcome {@code acquired}, {@code busy}, {@code unreachable} or {@code error}
		 */
		void stop(String outcome);

	}

}
