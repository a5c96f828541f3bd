package io.zkworkflow.workflow;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.zkworkflow.internal.ZnodeNames;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Builds a {@link WorkflowDefinition}. The sequence methods ({@link #then}, {@link #thenParallel},
 * {@link #thenIf}, {@link #choice}) attach new steps after the steps added last; {@link #step(String, String...)}
 * names the predecessors explicitly for any other shape. Each method takes a task name, which
 * is also the step id; {@link #as} gives the step just added another id, so one task can run
 * at several steps. {@link #build()} rejects duplicate step ids, unknown predecessors, cycles
 * and steps unreachable from the first step.
 */
public final class WorkflowDefinitionBuilder {

	/** How many element tasks of a {@link #forEach(String)} step run at once by default. */
	public static final int DEFAULT_PARALLELISM = 16;

	/** The most element tasks of a fan-out step that may run at once. */
	public static final int MAX_PARALLELISM = 64;

	private final String name;

	private final Map<String, StepDefinition> steps = new LinkedHashMap<>();

	private final Map<String, StepOptions> options = new LinkedHashMap<>();

	private List<String> frontier = List.of();

	private List<String> lastAdded = List.of();

	private @Nullable String compensation;

	private StepOptions compensationOptions = StepOptions.NONE;

	private WorkflowDefinition.@Nullable Schedule schedule;

	private @Nullable String onComplete;

	WorkflowDefinitionBuilder(String name) {
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new WorkflowDefinitionException("Workflow name '" + name + "' " + problem + ".");
		}
		this.name = name;
	}

	/**
	 * Add a step that runs after the given steps (none for the first step). Predecessors may
	 * be declared later.
	 * @param step the step, the name of a {@code @WorkflowTask}
	 * @param after its predecessors
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder step(String step, String... after) {
		add(step, List.of(after), null);
		return added(List.of(step));
	}

	/**
	 * Add a step that runs after the steps added last (for several of them, a fan-in that
	 * receives all their outputs).
	 * @param step the step
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder then(String step) {
		add(step, requireFrontier(step), null);
		return added(List.of(step));
	}

	/**
	 * Add steps that run in parallel after the steps added last (a fan-out).
	 * @param parallel the steps
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder thenParallel(String... parallel) {
		if (parallel.length == 0) {
			throw new WorkflowDefinitionException("Workflow '" + this.name + "': thenParallel() needs at least one step.");
		}
		List<String> parents = requireFrontier(parallel[0]);
		for (String step : parallel) {
			add(step, parents, null);
		}
		return added(List.of(parallel));
	}

	/**
	 * Add a step after the steps added last that runs only when {@code condition} holds for
	 * its payload (the previous output); otherwise it is skipped.
	 * @param step the step
	 * @param condition a deterministic test of the payload
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder thenIf(String step, Predicate<JsonNode> condition) {
		add(step, requireFrontier(step), condition);
		return added(List.of(step));
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
		List<String> parents = requireFrontier(ifTrue);
		add(ifTrue, parents, condition);
		add(ifFalse, parents, condition.negate());
		return added(List.of(ifTrue, ifFalse));
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
				requireFrontier(task), MAX_PARALLELISM);
		add(task, parents, null);
		this.steps.put(task, new StepDefinition(task, task, parents, null, StepOptions.NONE, null, parallelism));
		return added(List.of(task));
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
		if (duration.isNegative()) {
			throw new WorkflowDefinitionException("Workflow '" + this.name + "': sleep(" + duration
					+ ") needs a duration of zero or more.");
		}
		String id = "sleep";
		for (int i = 2; this.steps.containsKey(id); i++) {
			id = "sleep-" + i;
		}
		List<String> parents = this.steps.isEmpty() ? List.of() : requireFrontier(id);
		add(id, parents, null);
		this.steps.put(id, new StepDefinition(id, WorkflowDefinition.SLEEP_TASK, parents, null, StepOptions.NONE,
				duration));
		return added(List.of(id));
	}

	/**
	 * Give the step added last its own id, so that one {@code @WorkflowTask} can run at
	 * several places of a workflow: {@code .then("charge").as("charge-deposit")}. Without it
	 * a step's id is its task name. Later calls ({@link #options}, predecessors, conditions,
	 * outputs, status) name the step by this id. It applies to the one step added by the
	 * preceding {@link #step}, {@link #then} or {@link #thenIf}.
	 * @param stepId the step id: letters, digits, '.', '_' and '-', unique in the workflow
	 * @return this builder
	 */
	public WorkflowDefinitionBuilder as(String stepId) {
		String where = "Workflow '" + this.name + "'";
		DefinitionChecks.checkAs(where, stepId, this.lastAdded);
		String old = this.lastAdded.get(0);
		if (old.equals(stepId)) {
			return this;
		}
		DefinitionChecks.checkStepName(where, stepId);
		DefinitionChecks.checkUnique(where, stepId, this.steps);
		StepDefinition step = this.steps.remove(old);
		this.steps.put(stepId, step.withName(stepId));
		this.frontier = List.of(stepId);
		this.lastAdded = List.of(stepId);
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
	 * Validate and build the definition.
	 * @return the definition
	 * @throws WorkflowDefinitionException naming the definition and step when it is invalid
	 */
	public WorkflowDefinition build() {
		String where = "Workflow '" + this.name + "'";
		DefinitionChecks.checkBuild(where, this.steps, this.options.keySet(), this.compensation, this.schedule,
				this.onComplete);
		if (this.compensation != null) {
			this.compensationOptions = this.options.getOrDefault(this.compensation, StepOptions.NONE);
		}
		Map<String, StepDefinition> result = new LinkedHashMap<>();
		this.steps.forEach((stepName, step) -> result.put(stepName,
				step.withOptions(this.options.getOrDefault(stepName, StepOptions.NONE))));
		return new WorkflowDefinition(this.name, result, this.compensation, this.compensationOptions, this.schedule,
				this.onComplete);
	}

	private void add(String step, List<String> parents, @Nullable Predicate<JsonNode> condition) {
		String where = "Workflow '" + this.name + "'";
		DefinitionChecks.checkStepName(where, step);
		DefinitionChecks.checkUnique(where, step, this.steps);
		DefinitionChecks.checkReachable(where, step, parents, this.steps);
		this.steps.put(step, new StepDefinition(step, parents, condition, StepOptions.NONE));
	}

	private List<String> requireFrontier(String step) {
		if (this.frontier.isEmpty()) {
			throw new WorkflowDefinitionException("Workflow '" + this.name + "': '" + step
					+ "' has nothing to follow; start with step(\"first-step\").");
		}
		return this.frontier;
	}

	private WorkflowDefinitionBuilder added(List<String> ids) {
		this.frontier = ids;
		this.lastAdded = ids;
		return this;
	}

}
