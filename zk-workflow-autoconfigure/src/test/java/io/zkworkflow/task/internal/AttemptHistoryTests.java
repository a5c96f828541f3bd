package io.zkworkflow.task.internal;

import java.util.List;

import io.zkworkflow.task.TaskAttempt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds of the attempt history a task's record carries.
 */
class AttemptHistoryTests {

	@Test
	void keepsTheLastTenAttemptsOldestFirst() {
		List<AttemptRecord> history = null;
		for (int n = 1; n <= 1000; n++) {
			history = AttemptHistory.append(history, failed(n, new IllegalStateException("attempt " + n)));
		}
		assertThat(history).extracting(AttemptRecord::number).containsExactly(991, 992, 993, 994, 995, 996, 997, 998,
				999, 1000);
	}

	@Test
	void hugeMessagesAndDeepStacksStayUnderTheByteCap() {
		List<AttemptRecord> history = null;
		for (int n = 1; n <= 50; n++) {
			history = AttemptHistory.append(history, failed(n, deep(500, new RuntimeException("é".repeat(1 << 20)))));
		}
		assertThat(AttemptHistory.sizeOf(history)).isLessThanOrEqualTo(AttemptHistory.MAX_BYTES);
		AttemptRecord last = history.get(history.size() - 1);
		assertThat(last.number()).isEqualTo(50);
		assertThat(last.message()).hasSize(AttemptHistory.MAX_MESSAGE + 3);
		assertThat(last.stackTrace()).isNotNull().hasSizeLessThanOrEqualTo(AttemptHistory.MAX_STACK_TRACE + 3);
		assertThat(last.stackTrace().lines().filter((line) -> line.startsWith("\tat "))).hasSizeLessThanOrEqualTo(
				AttemptHistory.MAX_FRAMES);
	}

	@Test
	void causesAreListedWithTheFramesTheyShareFolded() {
		Exception cause = new java.io.IOException("disk full");
		String trace = AttemptHistory.stackTrace(new IllegalStateException("could not save", cause));
		assertThat(trace).startsWith("java.lang.IllegalStateException: could not save\n\tat ")
			.contains("\nCaused by: java.io.IOException: disk full\n")
			.containsPattern("\\t\\.\\.\\. \\d+ more\\n$");
	}

	@Test
	void anAttemptWithoutAThrowableKeepsTheEnginesError() {
		AttemptRecord lost = AttemptHistory.attempt(3, "worker-1", 10, -1, TaskAttempt.Outcome.LEASE_LOST, null,
				"The lease of attempt 3 was lost", 42);
		TaskAttempt attempt = lost.toAttempt();
		assertThat(attempt.outcome()).isEqualTo(TaskAttempt.Outcome.LEASE_LOST);
		assertThat(attempt.errorMessage()).isEqualTo("The lease of attempt 3 was lost");
		assertThat(attempt.errorClass()).isNull();
		assertThat(attempt.stackTrace()).isNull();
		assertThat(attempt.duration()).isNull();
		assertThat(attempt.fencingToken()).isEqualTo(42L);
	}

	private static AttemptRecord failed(int number, Throwable failure) {
		return AttemptHistory.attempt(number, "instance-" + number, 1_000L * number, 5, TaskAttempt.Outcome.FAILED,
				failure, failure.toString(), 0);
	}

	/** {@code failure} thrown {@code depth} calls deep. */
	private static Throwable deep(int depth, RuntimeException failure) {
		try {
			recurse(depth, failure);
		}
		catch (RuntimeException ex) {
			return new IllegalStateException("wrapped " + "y".repeat(10_000), ex);
		}
		throw new AssertionError();
	}

	private static void recurse(int depth, RuntimeException failure) {
		if (depth == 0) {
			failure.fillInStackTrace();
			throw failure;
		}
		recurse(depth - 1, failure);
	}

}
