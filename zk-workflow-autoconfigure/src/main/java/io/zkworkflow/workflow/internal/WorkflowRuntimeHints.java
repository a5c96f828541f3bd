package io.zkworkflow.workflow.internal;

import io.zkworkflow.workflow.CompensationInput;
import io.zkworkflow.workflow.ScheduledFire;
import io.zkworkflow.workflow.WorkflowCompletion;
import io.zkworkflow.workflow.WorkflowStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs of workflows: Jackson binds the workflow and schedule state kept in
 * ZooKeeper, the inputs handed to steps (a compensation's failure, a schedule's fire, a completion listener's notice) and the
 * status rendered as JSON.
 */
final class WorkflowRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindings.registerReflectionHints(hints.reflection(), WorkflowRecord.class, StepRecord.class,
				ScheduleState.class, RuntimeSchedules.Definition.class, CompensationInput.class, ScheduledFire.class,
				WorkflowCompletion.class, WorkflowStatus.class);
		// bound through their public fields, which the binding hints leave out
		hints.reflection().registerType(WorkflowRecord.class, MemberCategory.ACCESS_PUBLIC_FIELDS);
		hints.reflection().registerType(StepRecord.class, MemberCategory.ACCESS_PUBLIC_FIELDS);
	}

}
