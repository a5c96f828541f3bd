package io.zkworkflow.workflow.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.task.TaskDeclarations;
import io.zkworkflow.workflow.DuplicateScheduleException;
import io.zkworkflow.workflow.InvalidScheduleException;
import io.zkworkflow.workflow.ScheduleInfo;
import io.zkworkflow.workflow.ScheduleSpec;
import io.zkworkflow.workflow.UnknownScheduleException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.StringUtils;

/**
 * Schedules created at runtime, one znode each under {@code schedule-definitions}. Every
 * instance reads them from ZooKeeper when it lists or fires schedules, so one created on any
 * instance is fired by whichever instance is coordinator. Input is checked whole before
 * anything is written.
 */
public final class RuntimeSchedules {

	private static final Log logger = LogFactory.getLog(RuntimeSchedules.class);

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

	private final WorkflowStore store;

	private final @Nullable TaskDeclarations handlers;

	private final long maxPayloadBytes;

	public RuntimeSchedules(WorkflowStore store, @Nullable TaskDeclarations handlers, long maxPayloadBytes) {
		this.store = store;
		this.handlers = handlers;
		this.maxPayloadBytes = maxPayloadBytes;
	}

	/** Return every runtime schedule; one whose stored data no longer parses is skipped. */
	List<CronSchedule> all() {
		List<String> names;
		try {
			names = this.store.curator().getChildren().forPath(this.store.paths().scheduleDefinitions());
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
		catch (Exception ex) {
			logger.warn("Could not list the runtime schedules: " + ex);
			return List.of();
		}
		List<CronSchedule> result = new ArrayList<>();
		for (String name : names.stream().sorted().toList()) {
			try {
				byte[] data = this.store.curator().getData().forPath(this.store.paths().scheduleDefinition(name));
				result.add(toSchedule(this.store.codec().read(data, Definition.class)));
			}
			catch (KeeperException.NoNodeException ex) {
				// deleted meanwhile
			}
			catch (Exception ex) {
				logger.warn("Runtime schedule '" + name + "' could not be read and is not fired: " + ex);
			}
		}
		return result;
	}

	void create(ScheduleSpec spec, Set<String> taken) {
		byte[] data = check(spec);
		if (taken.contains(spec.name())) {
			throw duplicate(spec.name());
		}
		try {
			this.store.curator().create().creatingParentsIfNeeded()
				.forPath(this.store.paths().scheduleDefinition(spec.name()), data);
		}
		catch (KeeperException.NodeExistsException ex) {
			throw duplicate(spec.name());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create schedule '" + spec.name() + "': " + ex, ex);
		}
	}

	void update(ScheduleSpec spec) {
		byte[] data = check(spec);
		try {
			this.store.curator().setData().forPath(this.store.paths().scheduleDefinition(spec.name()), data);
		}
		catch (KeeperException.NoNodeException ex) {
			throw unknown(spec.name());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not update schedule '" + spec.name() + "': " + ex, ex);
		}
	}

	void delete(CronSchedule schedule) {
		try {
			this.store.curator().delete().forPath(this.store.paths().scheduleDefinition(schedule.name()));
		}
		catch (KeeperException.NoNodeException ex) {
			throw unknown(schedule.name());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not delete schedule '" + schedule.name() + "': " + ex, ex);
		}
		try {
			this.store.curator().delete().forPath(this.store.paths().schedule(schedule.node()));
		}
		catch (Exception ex) {
			// no state yet, or already gone: a later schedule of the same name starts afresh either way
		}
	}

	private byte[] check(ScheduleSpec spec) {
		if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
			throw new InvalidScheduleException("Schedule name " + InputText.quote(String.valueOf(spec.name()))
					+ " is not valid; use 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit.");
		}
		String where = "Schedule '" + spec.name() + "'";
		if (spec.cron() == null || spec.cron().length() > 200) {
			throw new InvalidScheduleException(where + ": cron " + InputText.quote(String.valueOf(spec.cron()))
					+ " is not a valid cron expression; use six fields, seconds first, such as '0 0 2 * * *'.");
		}
		try {
			CronExpression.parse(spec.cron());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidScheduleException(where + ": cron " + InputText.quote(spec.cron())
					+ " is not a valid cron expression (" + ex.getMessage() + "); use six fields, seconds first, "
					+ "such as '0 0 2 * * *', or a macro such as '@daily'.", ex);
		}
		zone(spec.zone(), where);
		if (spec.kind() == null || spec.target() == null) {
			throw new InvalidScheduleException(where + ": say what it fires, with ScheduleSpec.task(...) or "
					+ "ScheduleSpec.workflow(...).");
		}
		if (spec.kind() == ScheduleInfo.Kind.TASK && !declaresTask(spec.target())) {
			throw new InvalidScheduleException(where + ": no @WorkflowTask is named " + InputText.quote(spec.target())
					+ " in this application; name a declared task.");
		}
		if (spec.kind() == ScheduleInfo.Kind.WORKFLOW && this.store.registry().get(spec.target()) == null) {
			throw new InvalidScheduleException(where + ": no workflow definition is named "
					+ InputText.quote(spec.target()) + " in this application; name a WorkflowDefinition bean.");
		}
		JsonNode payload = (spec.payload() != null) ? this.store.codec().toTree(spec.payload()) : null;
		int size = this.store.codec().sizeOf(payload);
		if (size > this.maxPayloadBytes) {
			throw new InvalidScheduleException(where + ": the payload is " + size + " bytes as JSON, more than the "
					+ this.maxPayloadBytes + " allowed (zk-workflow.workflows.max-output); pass a reference, such as "
					+ "an id, instead of the data.");
		}
		return this.store.codec().write(new Definition(spec.name(), spec.kind().name(), spec.cron(),
				zone(spec.zone(), where).getId(), spec.target(), payload));
	}

	private boolean declaresTask(String task) {
		return this.handlers != null
				&& this.handlers.declared().stream().anyMatch((declared) -> declared.name().equals(task));
	}

	private static ZoneId zone(@Nullable String zone, String where) {
		if (!StringUtils.hasText(zone)) {
			return ZoneOffset.UTC;
		}
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException(where + ": zone " + InputText.quote(zone)
					+ " is not a time zone id; use one such as 'Europe/Berlin' or 'UTC'.", ex);
		}
	}

	private static CronSchedule toSchedule(Definition definition) {
		return new CronSchedule(definition.name(), CronSchedule.Kind.valueOf(definition.kind()), definition.cron(),
				CronExpression.parse(definition.cron()), ZoneId.of(definition.zone()), null, definition.target(),
				(definition.payload() == null || definition.payload().isNull()) ? null : definition.payload(), true);
	}

	private static DuplicateScheduleException duplicate(String name) {
		return new DuplicateScheduleException("A schedule named '" + name + "' already exists; choose another name, "
				+ "or update that schedule.");
	}

	static UnknownScheduleException unknown(String name) {
		return new UnknownScheduleException(name, "No runtime schedule is named " + InputText.quote(name)
				+ "; only schedules made with ScheduleClient.create can be updated or deleted.");
	}

	/** The data of a runtime schedule's znode. */
	record Definition(String name, String kind, String cron, String zone, String target,
			@Nullable JsonNode payload) {

	}

}
