package io.zkworkflow.task.internal;

import io.zkworkflow.task.DeadLetter;
import io.zkworkflow.task.TaskAttempt;
import io.zkworkflow.task.TaskOutcome;
import io.zkworkflow.task.TaskStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs of the task engine: Jackson binds the records the engine keeps in
 * ZooKeeper, and the status types the endpoint and applications render as JSON.
 */
final class TaskRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindings.registerReflectionHints(hints.reflection(), TaskRecord.class, RunRecord.class, DoneRecord.class,
				AttemptRecord.class, MemberRecord.class, TaskStatus.class, TaskAttempt.class, DeadLetter.class,
				TaskOutcome.class);
	}

}
