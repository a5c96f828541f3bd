package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.zkworkflow.task.TaskAttempt;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the attempt summaries a task's record carries, and keeps that list bounded so a record
 * never grows toward {@code jute.maxbuffer}, whatever the attempt budget and however long the
 * errors: the last {@value #KEPT} attempts, messages of at most {@value #MAX_MESSAGE} characters,
 * stack traces of at most {@value #MAX_FRAMES} frames ({@value #MAX_FRAMES_EACH} of each cause)
 * and {@value #MAX_STACK_TRACE} characters, and at most {@value #MAX_BYTES} bytes of JSON in all: past that, the stack
 * traces of the older attempts go first, then the older attempts.
 */
final class AttemptHistory {

	/** Attempts kept per task. */
	static final int KEPT = 10;

	/** Longest error message kept per attempt. */
	static final int MAX_MESSAGE = 500;

	/** Most stack frames kept per attempt, over the error and its causes. */
	static final int MAX_FRAMES = 40;

	/** Most frames kept of each throwable, so that the causes (often the telling part) fit too. */
	static final int MAX_FRAMES_EACH = 10;

	/** Longest stack trace kept per attempt. */
	static final int MAX_STACK_TRACE = 4096;

	/** Largest history as JSON. */
	static final int MAX_BYTES = 16 * 1024;

	private static final JsonMapper SIZER = JsonMapper.builder().build();

	private AttemptHistory() {
	}

	/**
	 * Return {@code history} with {@code attempt} added last, within the bounds.
	 * @param history the attempts so far, {@code null} in a record of the earlier layout
	 * @param attempt the attempt that ended
	 * @return a new list
	 */
	static List<AttemptRecord> append(@Nullable List<AttemptRecord> history, AttemptRecord attempt) {
		List<AttemptRecord> kept = new ArrayList<>((history != null) ? history : List.of());
		kept.add(attempt);
		while (kept.size() > KEPT) {
			kept.remove(0);
		}
		while (sizeOf(kept) > MAX_BYTES && kept.size() > 1) {
			int withTrace = -1;
			for (int i = 0; i < kept.size() - 1 && withTrace < 0; i++) {
				if (kept.get(i).stackTrace() != null) {
					withTrace = i;
				}
			}
			if (withTrace >= 0) {
				kept.set(withTrace, kept.get(withTrace).withoutStackTrace());
			}
			else {
				kept.remove(0);
			}
		}
		return List.copyOf(kept);
	}

	static int sizeOf(List<AttemptRecord> history) {
		return SIZER.writeValueAsBytes(history).length;
	}

	/**
	 * Summarize an attempt that ended.
	 * @param number the attempt number
	 * @param instance the instance that ran it
	 * @param startedAt its claim time, epoch millis
	 * @param millis how long it ran, -1 if unknown
	 * @param outcome how it ended
	 * @param failure what the handler threw, if it threw
	 * @param error the engine's description of the failure, if it failed
	 * @param fencingToken the lease's czxid, 0 if unknown
	 * @return the summary
	 */
	static AttemptRecord attempt(int number, String instance, long startedAt, long millis,
			TaskAttempt.Outcome outcome, @Nullable Throwable failure, @Nullable String error, long fencingToken) {
		String errorClass = (failure != null) ? failure.getClass().getName() : null;
		String message = (failure != null) ? failure.getMessage() : error;
		if (message == null && failure != null) {
			message = error;
		}
		return new AttemptRecord(number, instance, startedAt, millis, outcome.name(), errorClass,
				(message != null) ? shorten(message, MAX_MESSAGE) : null,
				(failure != null) ? stackTrace(failure) : null, fencingToken);
	}

	/** The stack trace of {@code failure} and its causes, frames shared with the enclosing trace folded. */
	static String stackTrace(Throwable failure) {
		StringBuilder out = new StringBuilder();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		StackTraceElement[] enclosing = new StackTraceElement[0];
		int frames = 0;
		String prefix = "";
		for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
			String message = current.getMessage();
			out.append(prefix).append(current.getClass().getName());
			if (message != null) {
				out.append(": ").append(shorten(message, MAX_MESSAGE));
			}
			out.append('\n');
			StackTraceElement[] trace = current.getStackTrace();
			int common = inCommon(trace, enclosing);
			int own = trace.length - common;
			int shown = Math.max(0, Math.min(Math.min(own, MAX_FRAMES_EACH), MAX_FRAMES - frames));
			for (int i = 0; i < shown; i++) {
				out.append("\tat ").append(trace[i]).append('\n');
			}
			frames += shown;
			if (own - shown + common > 0) {
				out.append("\t... ").append(own - shown + common).append(" more\n");
			}
			enclosing = trace;
			prefix = "Caused by: ";
		}
		return shorten(out.toString(), MAX_STACK_TRACE);
	}

	private static int inCommon(StackTraceElement[] trace, StackTraceElement[] enclosing) {
		int m = trace.length - 1;
		int n = enclosing.length - 1;
		while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
			m--;
			n--;
		}
		return trace.length - 1 - m;
	}

	static String shorten(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "...";
	}

}
