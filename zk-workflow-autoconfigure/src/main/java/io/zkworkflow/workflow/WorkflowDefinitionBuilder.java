package io.zkworkflow.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Builds a {@link WorkflowDefinition}. The sequence methods ({@link #then}, {@link #thenParallel},
 * {@link #thenIf}, {@link #choice}) attach new steps after the steps added last; {@link #step(String, String...)}
 * names the predecessors explicitly for any other shape. Each method takes a task name, also
 * the step id unless {@link #as} gives another. {@link #build()} rejects duplicate step ids,
 * unknown predecessors, cycles and steps unreachable from the first step.
 */
public final class WorkflowDefinitionBuilder {

	/** How many element tasks of a {@link #forEach(String)} step run at once by default. */
	public static final int DEFAULT_PARALLELISM = 16;

	/** The most element tasks of a fan-out step that may run at once. */
	public static final int MAX_PARALLELISM = 64;

	private final String name;

	private final StepChain chain;

	private final Map<String, StepOptions> options = new LinkedHashMap<>();

	private @Nullable String compensation;

	private WorkflowDefinition.@Nullable Schedule schedule;

	private @Nullable String onComplete;

	private @Nullable String version;

	WorkflowDefinitionBuilder(String name) {
		this.name = DefinitionChecks.checkWorkflowName(name);
		this.chain = new StepChain("Workflow '" + name + "'");
	}

	/**
	 * Add a step that runs after the given steps (none for the first step). Predecessors may
	 * be declared later.
	 * @param step the step, the name of a {@code @WorkflowTask}
	 * @param after its predecessors
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder step(String step, String... after) {
		this.chain.placeNext(new StepDefinition(step, List.of(after), null, StepOptions.NONE));
		return this;
	}

	/**
	 * Add a step after the steps added last (of several, a fan-in that receives all their outputs).
	 * @param step the step
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder then(String step) {
		this.chain.placeNext(new StepDefinition(step, this.chain.requireFrontier(step), null, StepOptions.NONE));
		return this;
	}

	/**
	 * Add steps that run in parallel after the steps added last (a fan-out).
	 * @param parallel the steps, at least one
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder thenParallel(String... parallel) {
		List<String> parents = this.chain.requireFrontier(DefinitionChecks.firstOf("Workflow '" + this.name + "'", parallel));
		Arrays.stream(parallel).forEach((step) -> this.chain.add(step, parents, null));
		this.chain.advance(List.of(parallel));
		return this;
	}

	/**
	 * Add a step after the steps added last that runs only when {@code condition} holds for
	 * its payload (the previous output); otherwise it is skipped.
	 * @param step the step
	 * @param condition a deterministic test of the payload
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder thenIf(String step, Predicate<JsonNode> condition) {
		this.chain.placeNext(new StepDefinition(step, this.chain.requireFrontier(step), condition, StepOptions.NONE));
		return this;
	}

	/**
	 * Branch on the previous output: {@code ifTrue} runs when {@code condition} holds,
	 * {@code ifFalse} otherwise; the other is skipped. A following {@link #then} joins them.
	 * @param condition a deterministic test of the payload
	 * @param ifTrue the step run when it holds
	 * @param ifFalse the step run when it does not
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder choice(Predicate<JsonNode> condition, String ifTrue, String ifFalse) {
		List<String> parents = this.chain.requireFrontier(ifTrue);
		this.chain.add(ifTrue, parents, condition);
		this.chain.add(ifFalse, parents, condition.negate());
		this.chain.advance(List.of(ifTrue, ifFalse));
		return this;
	}

	/**
	 * Add a fan-out step after the step added last, whose output must be a JSON array: the
	 * step's task runs once per element, with the element as its payload, at most
	 * {@link #DEFAULT_PARALLELISM} at once. The next step receives the outputs as an array in
	 * the order of the elements.
	 * @param task the {@code @WorkflowTask} run for each element; also the step id
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder forEach(String task) {
		return forEach(task, DEFAULT_PARALLELISM);
	}

	/**
	 * Add a fan-out step, as {@link #forEach(String)}, with at most {@code parallelism} of its
	 * element tasks pending or running at once.
	 * @param task the {@code @WorkflowTask} run for each element; also the step id
	 * @param parallelism 1 to {@link #MAX_PARALLELISM}
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder forEach(String task, int parallelism) {
		List<String> parents = DefinitionChecks.checkForEach("Workflow '" + this.name + "'", task, parallelism,
				this.chain.requireFrontier(task), MAX_PARALLELISM);
		this.chain.placeNext(new StepDefinition(task, task, parents, null, StepOptions.NONE, null, null, parallelism));
		return this;
	}

	/**
	 * Add a durable timer after the steps added last: a step that passes its payload on
	 * unchanged once {@code duration} has passed. It is a delayed task in ZooKeeper, so it
	 * survives the restart of the instance that started it; any instance completes it. Its
	 * id is {@code sleep} ({@code sleep-2}, ... for further timers) unless {@link #as} follows.
	 * @param duration how long to wait, not negative
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder sleep(Duration duration) {
		DefinitionChecks.checkSleep("Workflow '" + this.name + "'", duration);
		this.chain.placeTimer("sleep", duration, null);
		return this;
	}

	/**
	 * Add a durable timer after the steps added last that fires at the instant {@code instant}
	 * computes from its payload (for example a due date in the previous step's output), then
	 * passes the payload on unchanged. The instant is computed once, when the step starts; one
	 * in the past fires at once. A function that throws or returns {@code null} fails the step.
	 * Its id is {@code until} ({@code until-2}, ...) unless {@link #as} follows.
	 * @param instant a deterministic function of the payload
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder until(Function<JsonNode, Instant> instant) {
		this.chain.placeTimer("until", null, new StepWait.Until(instant));
		return this;
	}

	/**
	 * Add a step after the steps added last (or first) that waits for the signal {@code signal}
	 * ({@link WorkflowClient#signal}, from any instance); its payload becomes the step's output.
	 * A signal sent before the workflow reaches the step is kept for it. Without a signal
	 * {@code timeout} after the step started, it follows its {@link #onTimeout} branch or fails
	 * (and the compensation runs). Its id is the signal's name unless {@link #as} follows.
	 * @param signal the signal's name: letters, digits, '.', '_' and '-'
	 * @param timeout how long to wait once the step started, positive
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder waitFor(String signal, Duration timeout) {
		List<String> parents = this.chain.parentsOfFirstOrNext(signal);
		this.chain.placeNext(SignalSteps.waitFor("Workflow '" + this.name + "'", signal, timeout, parents,
				this.chain.steps()));
		return this;
	}

	/**
	 * Declare the timeout branch of the {@link #waitFor} just added: {@code step} runs, with
	 * the payload the wait received, when the timeout fires before the signal arrived, and
	 * is skipped when the signal arrived; the steps that follow the wait run only in that
	 * case. A following {@link #then} continues after the wait, not after this step.
	 * @param step the step, the name of a {@code @WorkflowTask}
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder onTimeout(String step) {
		this.chain.place(SignalSteps.onTimeout("Workflow '" + this.name + "'", step, this.chain.lastAdded(),
				this.chain.steps()));
		this.chain.addedAside(step);
		return this;
	}

	/**
	 * Add a step after the steps added last (or first) that runs workflow {@code definition} as a
	 * child, with the step's payload as input; the step ends with the child's result, or fails when
	 * the child fails or is cancelled. Its id is the child's name unless {@link #as} follows.
	 * @param definition the child's definition, declared in this application
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder thenWorkflow(String definition) {
		this.chain.placeNext(ChildSteps.thenWorkflow(this.name, definition, this.chain.parentsOfFirstOrNext(definition)));
		return this;
	}

	/**
	 * Give the step added last (by {@link #step}, {@link #then} or {@link #thenIf}) its own id,
	 * so that one {@code @WorkflowTask} can run at several places: {@code .then("charge").as("charge-deposit")}.
	 * Without it a step's id is its task name; later calls, outputs and status use this id.
	 * @param stepId the step id: letters, digits, '.', '_' and '-', unique in the workflow
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder as(String stepId) {
		this.chain.rename(stepId);
		return this;
	}

	/**
	 * Override the handler's attempts, backoff or timeout for one step (or the compensation).
	 * @param step the step id
	 * @param stepOptions the overrides
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder options(String step, StepOptions stepOptions) {
		this.options.put(step, stepOptions);
		return this;
	}

	/**
	 * Declare the compensation step, run once when a step fails or the workflow is cancelled,
	 * after the steps still running finished. It receives a {@link CompensationInput}.
	 * @param step the compensation step, the name of a {@code @WorkflowTask}
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder onFailure(String step) {
		this.compensation = step;
		return this;
	}

	/**
	 * Declare the completion listener: a {@code @WorkflowTask}, not a step of this workflow,
	 * that receives a {@link WorkflowCompletion} once the workflow ended. Its task commits with
	 * the end, so it runs at least once, and is created once per workflow.
	 * @param task the listener's task name
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder onComplete(String task) {
		this.onComplete = task;
		return this;
	}

	/**
	 * Start the workflow on a cron schedule, in UTC, once per tick across the fleet; its
	 * input is a {@link ScheduledFire}.
	 * @param cron a Spring {@code CronExpression}
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder schedule(String cron) {
		return schedule(cron, ZoneOffset.UTC, null);
	}

	/**
	 * Start the workflow on a cron schedule.
	 * @param cron a Spring {@code CronExpression}
	 * @param zone the zone the expression is read in
	 * @param misfire the misfire policy, or {@code null} for {@code zk-workflow.schedules.misfire}
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder schedule(String cron, ZoneId zone, @Nullable MisfirePolicy misfire) {
		this.schedule = new WorkflowDefinition.Schedule(cron, zone, misfire);
		return this;
	}

	/**
	 * Version the definition explicitly instead of by the hash of its shape; raise it whenever
	 * the shape changes. A workflow advances only on instances that declare its version.
	 * @param version a positive number
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder version(int version) {
		this.version = DefinitionVersions.explicit("Workflow '" + this.name + "'", version);
		return this;
	}

	/**
	 * Validate and build the definition.
	 * @return the definition
	 * @throws WorkflowDefinitionException naming the definition and step when it is invalid
	 */
	public WorkflowDefinition build() {
		return DefinitionAssembly.assemble(this.name, this.chain.steps(), this.options, this.compensation, this.schedule,
				this.onComplete, this.version);
	}

}
