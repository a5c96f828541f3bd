package io.zkworkflow.task.internal;

import java.util.Map;

import io.zkworkflow.task.DeadLetter;
import io.zkworkflow.task.TaskAttempt;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.TaskStatus;
import io.zkworkflow.task.WorkflowTask;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task engine's hints: Jackson may bind its records and status types in a native image, and
 * a {@code @WorkflowTask} method may be invoked and its payload and result bound.
 */
class TaskRuntimeHintsTests {

	@Test
	void recordsAndStatusTypesCanBeBound() {
		RuntimeHints hints = new RuntimeHints();
		new TaskRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { TaskRecord.class, RunRecord.class, DoneRecord.class, AttemptRecord.class,
				MemberRecord.class, MemberRecord.Capacity.class, TaskStatus.class, TaskAttempt.class,
				DeadLetter.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructors()[0]))
				.as(type.getName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TaskRecord.class, "payload")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AttemptRecord.class, "stackTrace"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(MemberRecord.Capacity.class, "free"))
			.accepts(hints);
	}

	@Test
	void registeredThroughAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).anyMatch(TaskRuntimeHints.class::isInstance);
	}

	@Test
	void workflowTaskMethodsCanBeInvokedAndTheirPayloadsBound() {
		RuntimeHints hints = new RuntimeHints();
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, Handlers.class);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ReflectionUtils.findMethod(Handlers.class, "ship", Parcel.class, TaskContext.class)))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Parcel.class, "weight")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Label.class, "text")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Address.class, "city"))
			.as("a type inside a generic parameter").accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TaskContext.class)).rejects(hints);
	}

	record Parcel(int weight) {
	}

	record Label(String text) {
	}

	record Address(String city) {
	}

	static class Handlers {

		@WorkflowTask(name = "ship")
		public Label ship(Parcel parcel, TaskContext context) {
			return new Label("to " + parcel.weight());
		}

		@WorkflowTask(name = "join")
		public void join(Map<String, Address> parents) {
		}

	}

}
