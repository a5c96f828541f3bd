package io.zkworkflow.benchmarks.lock;

import org.jspecify.annotations.Nullable;

/**
 * Small checks shared by the lock subjects.
 */
final class LockSubjects {

	private LockSubjects() {
	}

	static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("setup() did not run: nothing to lock with");
		}
		return value;
	}

}
