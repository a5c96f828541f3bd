package io.zkworkflow.workflow;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A workflow: a DAG of steps, each running a {@code @WorkflowTask} (by default the task of
 * the same name; {@link WorkflowDefinitionBuilder#as} gives a step its own id so one task can
 * run at several steps), with an optional compensation step and cron schedule. Declare it as a bean; build it with
 * {@link #named(String)}:
 * <pre class="code">
 * WorkflowDefinition.named("order-fulfilment")
 *     .step("reserve-stock")
 *     .then("charge-card")
 *     .thenParallel("send-invoice", "schedule-shipping")
 *     .then("close-order")
 *     .onFailure("refund-and-release")
 *     .build();
 * </pre>
 * A step receives, as its task payload, the workflow input (first step), its one
 * predecessor's output, or (several predecessors) a JSON object of the outputs of those that
 * succeeded, keyed by step id. A step runs once all its predecessors succeeded or were
 * skipped, and is skipped when its condition is false or all its predecessors were skipped.
 *
 * @param name the definition name
 * @param steps the steps by id, in declaration order
 * @param compensation the step run once when the workflow fails or is cancelled, if any
 * @param compensationOptions overrides for the compensation step
 * @param schedule the cron schedule that starts the workflow, if any
 * @param onComplete the {@code @WorkflowTask} that receives a {@link WorkflowCompletion}
 * once the workflow ended, submitted in the transaction that commits the end, if any
 * @param version the definition's version, recorded in every workflow it starts: the explicit
 * {@link WorkflowDefinitionBuilder#version(int)} ({@code "3"}), or else a hash of its shape (12
 * hex digits); a workflow only advances on instances that declare the version it started with
 */
public record WorkflowDefinition(String name, Map<String, StepDefinition> steps, @Nullable String compensation,
		StepOptions compensationOptions, @Nullable Schedule schedule, @Nullable String onComplete, String version) {

	/**
	 * The name of the built-in {@code @WorkflowTask} behind {@link WorkflowDefinitionBuilder#sleep}
	 * steps: it returns its payload unchanged.
	 */
	public static final String SLEEP_TASK = "zk-workflow.sleep";

	/**
	 * The name of the built-in {@code @WorkflowTask} that completes a
	 * {@link WorkflowDefinitionBuilder#thenWorkflow} step once its child workflow ended.
	 */
	public static final String CHILD_TASK = "zk-workflow.child-ended";

	public WorkflowDefinition {
		steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
	}

	/**
	 * Create a definition versioned by the hash of its shape.
	 * @param name the definition name
	 * @param steps the steps by id, in declaration order
	 * @param compensation the compensation step, if any
	 * @param compensationOptions overrides for the compensation step
	 * @param schedule the cron schedule, if any
	 * @param onComplete the completion listener, if any
	 */
	public WorkflowDefinition(String name, Map<String, StepDefinition> steps, @Nullable String compensation,
			StepOptions compensationOptions, @Nullable Schedule schedule, @Nullable String onComplete) {
		this(name, steps, compensation, compensationOptions, schedule, onComplete,
				DefinitionVersions.hash(steps, compensation, onComplete));
	}

	/**
	 * Create a definition without a completion listener.
	 * @param name the definition name
	 * @param steps the steps by id, in declaration order
	 * @param compensation the compensation step, if any
	 * @param compensationOptions overrides for the compensation step
	 * @param schedule the cron schedule, if any
	 */
	public WorkflowDefinition(String name, Map<String, StepDefinition> steps, @Nullable String compensation,
			StepOptions compensationOptions, @Nullable Schedule schedule) {
		this(name, steps, compensation, compensationOptions, schedule, null);
	}

	/**
	 * Start building a definition.
	 * @param name the definition name: letters, digits, '.', '_' and '-'
	 * @return the builder
	 */
	public static WorkflowDefinitionBuilder named(String name) {
		return new WorkflowDefinitionBuilder(name);
	}

	/**
	 * Return the first step, the one that receives the input.
	 * @return the first step
	 */
	public StepDefinition first() {
		return this.steps.values().iterator().next();
	}

	/**
	 * Return a step.
	 * @param step the step name
	 * @return the step, or {@code null}
	 */
	public @Nullable StepDefinition step(String step) {
		return this.steps.get(step);
	}

	/**
	 * Return the steps that wait for {@code step}.
	 * @param step the step name
	 * @return its successors in declaration order
	 */
	public List<StepDefinition> children(String step) {
		List<StepDefinition> result = new ArrayList<>();
		for (StepDefinition candidate : this.steps.values()) {
			if (candidate.parents().contains(step)) {
				result.add(candidate);
			}
		}
		return result;
	}

	/**
	 * Return the edges as [from, to] pairs, in declaration order.
	 * @return the edges
	 */
	public List<List<String>> edges() {
		List<List<String>> edges = new ArrayList<>();
		for (StepDefinition step : this.steps.values()) {
			for (String parent : step.parents()) {
				edges.add(List.of(parent, step.name()));
			}
		}
		return edges;
	}

	/**
	 * Return every task name the workflow runs, once each: those of its steps and its
	 * compensation.
	 * @return the task names
	 */
	public Collection<String> taskNames() {
		Set<String> names = new LinkedHashSet<>();
		this.steps.values().forEach((step) -> names.add(step.task()));
		if (this.compensation != null) {
			names.add(this.compensation);
		}
		return List.copyOf(names);
	}

	/**
	 * Return every step id: the steps in declaration order, then the compensation (whose id
	 * is its task name).
	 * @return the step ids
	 */
	public List<String> stepIds() {
		List<String> ids = new ArrayList<>(this.steps.keySet());
		if (this.compensation != null) {
			ids.add(this.compensation);
		}
		return ids;
	}

	/**
	 * Return the task a step runs.
	 * @param step the step id (or the compensation)
	 * @return the task name: the step's task, or {@code step} itself when no regular step
	 * has that id
	 */
	public String taskOf(String step) {
		StepDefinition definition = this.steps.get(step);
		return (definition != null) ? definition.task() : step;
	}

	/**
	 * A cron schedule that starts a workflow once per tick across the fleet.
	 *
	 * @param cron the cron expression (Spring's {@code CronExpression})
	 * @param zone the zone the expression is read in
	 * @param misfire the misfire policy, or {@code null} for
	 * {@code zk-workflow.schedules.misfire}
	 */
	public record Schedule(String cron, ZoneId zone, @Nullable MisfirePolicy misfire) {
	}

}
