package io.zkworkflow.workflow.internal;

import io.zkworkflow.workflow.CompensationInput;
import io.zkworkflow.workflow.ScheduledFire;
import io.zkworkflow.workflow.WorkflowCompletion;
import io.zkworkflow.workflow.StepStatus;
import io.zkworkflow.workflow.WorkflowStatus;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow hints: Jackson may bind workflow and schedule state, the inputs handed to steps
 * and the status types in a native image.
 */
class WorkflowRuntimeHintsTests {

	@Test
	void stateInputsAndStatusCanBeBound() {
		RuntimeHints hints = new RuntimeHints();
		new WorkflowRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { WorkflowRecord.class, StepRecord.class, ScheduleState.class,
				RuntimeSchedules.Definition.class, CompensationInput.class, ScheduledFire.class, WorkflowStatus.class,
				StepStatus.class, WorkflowCompletion.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructors()[0]))
				.as(type.getName()).accepts(hints);
		}
		// WorkflowRecord and StepRecord are bound through their fields
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(WorkflowRecord.class, "steps")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(StepRecord.class, "state")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ScheduleState.class, "lastFired"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(CompensationInput.class, "failedStep"))
			.accepts(hints);
	}

	@Test
	void registeredThroughAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).anyMatch(WorkflowRuntimeHints.class::isInstance);
	}

}
