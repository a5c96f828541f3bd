package io.zkworkflow.lock.internal;

import io.zkworkflow.lock.LockMode;

/**
 * Where lock measurements go. The Micrometer implementation is used when Micrometer is present;
 * {@link #NONE} otherwise. The lock key is never a tag.
 */
public interface LockMetrics {

	/** Measures nothing. */
	LockMetrics NONE = new LockMetrics() {

		@Override
		public Acquisition startAcquire(String name, LockMode mode) {
			return (outcome) -> {
			};
		}

		@Override
		public Runnable startHeld(String name, LockMode mode) {
			return () -> {
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
	 * @return the running acquisition
	 */
	Acquisition startAcquire(String name, LockMode mode);

	/**
	 * Start the held timer ({@code zk.workflow.lock.held}).
	 * @param name the lock name
	 * @param mode the mode
	 * @return what stops it
	 */
	Runnable startHeld(String name, LockMode mode);

	/**
	 * Count one lost lock ({@code zk.workflow.lock.lost}).
	 * @param name the lock name
	 * @param mode the mode
	 */
	void lost(String name, LockMode mode);

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
