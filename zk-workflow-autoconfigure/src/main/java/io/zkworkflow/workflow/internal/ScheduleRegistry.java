package io.zkworkflow.workflow.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.TaskDeclarations;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowDefinitionException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.StringUtils;

/**
 * The application's cron schedules, collected once every bean exists: {@code @WorkflowTask}
 * methods with {@code cron} and workflow definitions with a schedule. An invalid expression
 * or zone fails startup, naming the method or workflow. With {@link RuntimeSchedules}, the
 * schedules created at runtime are listed after them.
 */
public final class ScheduleRegistry implements SmartInitializingSingleton {

	private final @Nullable TaskDeclarations handlers;

	private final WorkflowRegistry workflows;

	private final Environment environment;

	private final @Nullable RuntimeSchedules runtime;

	private volatile List<CronSchedule> schedules = List.of();

	public ScheduleRegistry(@Nullable TaskDeclarations handlers, WorkflowRegistry workflows, Environment environment,
			@Nullable RuntimeSchedules runtime) {
		this.handlers = handlers;
		this.workflows = workflows;
		this.environment = environment;
		this.runtime = runtime;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<CronSchedule> result = new ArrayList<>();
		if (this.handlers != null) {
			for (TaskDeclarations.DeclaredTask handler : this.handlers.declared()) {
				if (!StringUtils.hasText(handler.cron())) {
					continue;
				}
				String where = "@WorkflowTask '" + handler.name() + "' on " + handler.handler();
				String cron = this.environment.resolvePlaceholders(handler.cron());
				String zone = this.environment.resolvePlaceholders(handler.zone());
				result.add(new CronSchedule(handler.name(), CronSchedule.Kind.TASK, cron, parse(cron, where),
						zone(zone, where), null));
			}
		}
		for (WorkflowDefinition definition : this.workflows.all()) {
			WorkflowDefinition.Schedule schedule = definition.schedule();
			if (schedule != null) {
				String where = "Workflow '" + definition.name() + "'";
				result.add(new CronSchedule(definition.name(), CronSchedule.Kind.WORKFLOW, schedule.cron(),
						parse(schedule.cron(), where), schedule.zone(), schedule.misfire()));
			}
		}
		this.schedules = List.copyOf(result);
	}

	/** Return the declared schedules, then those created at runtime (read from ZooKeeper). */
	public List<CronSchedule> all() {
		if (this.runtime == null) {
			return this.schedules;
		}
		List<CronSchedule> all = new ArrayList<>(this.schedules);
		all.addAll(this.runtime.all());
		return all;
	}

	/** Return the schedules declared in code. */
	List<CronSchedule> declared() {
		return this.schedules;
	}

	@Nullable RuntimeSchedules runtime() {
		return this.runtime;
	}

	private static CronExpression parse(String cron, String where) {
		try {
			return CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			throw new WorkflowDefinitionException(where + ": cron '" + cron + "' is not a valid cron expression ("
					+ ex.getMessage() + "); use six fields, seconds first, such as '0 0 2 * * *', or a macro such as "
					+ "'@daily'.", ex);
		}
	}

	private static ZoneId zone(String zone, String where) {
		if (!StringUtils.hasText(zone)) {
			return ZoneOffset.UTC;
		}
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw new WorkflowDefinitionException(where + ": zone '" + zone
					+ "' is not a time zone id; use one such as 'Europe/Berlin' or 'UTC'.", ex);
		}
	}

}
