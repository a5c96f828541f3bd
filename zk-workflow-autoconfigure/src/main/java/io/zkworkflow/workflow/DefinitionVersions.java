package io.zkworkflow.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The version of a {@link WorkflowDefinition}: an explicit one ({@code version(n)}), or a hash
 * of its shape. The shape is what decides which step comes next: per step in declaration
 * order its id, task, predecessors, whether it has a condition, its timer, what it waits for
 * (signal name and timeout, timeout branch, instant, child definition) and its fan-out
 * parallelism; then the compensation and the completion listener. Lambdas enter only as
 * "has a condition" or "until", never by identity, and retry options and the schedule do not
 * enter at all, so the same source gives the same hash on every JVM.
 */
final class DefinitionVersions {

	/** How many hex digits of the SHA-256 of the shape a hashed version keeps. */
	private static final int HASH_LENGTH = 12;

	private DefinitionVersions() {
	}

	static String explicit(String where, int version) {
		if (version < 1) {
			throw new WorkflowDefinitionException(where + ": version(" + version + ") is not a version; an explicit "
					+ "version is a positive number (1, 2, ...) that you raise whenever the shape changes. Use "
					+ "version(1) or more, or leave version() out to version the definition by a hash of its shape.");
		}
		return Integer.toString(version);
	}

	static String hash(Map<String, StepDefinition> steps, @Nullable String compensation, @Nullable String onComplete) {
		StringBuilder shape = new StringBuilder();
		for (StepDefinition step : steps.values()) {
			shape.append("step ").append(step.name()).append(" task ").append(step.task());
			shape.append(" after ").append(String.join(",", step.parents()));
			shape.append(" if ").append(step.condition() != null);
			shape.append(" delay ").append(step.delay());
			shape.append(" wait ").append(describe(step.waitsFor()));
			shape.append(" each ").append(step.parallelism()).append('\n');
		}
		shape.append("compensation ").append(compensation).append('\n');
		shape.append("on-complete ").append(onComplete).append('\n');
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private static String describe(@Nullable StepWait wait) {
		if (wait instanceof StepWait.Signal signal) {
			return "signal " + signal.name() + " " + signal.timeout();
		}
		if (wait instanceof StepWait.OnTimeout timeout) {
			return "timeout-of " + timeout.signal();
		}
		if (wait instanceof StepWait.Until) {
			return "until";
		}
		if (wait instanceof StepWait.Child child) {
			return "child " + child.definition();
		}
		return "none";
	}

}
