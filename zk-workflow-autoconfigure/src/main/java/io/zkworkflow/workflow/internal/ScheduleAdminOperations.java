package io.zkworkflow.workflow.internal;

import java.util.Map;
import java.util.function.Function;

import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.workflow.ScheduleClient;
import io.zkworkflow.workflow.ScheduleInfo;

/**
 * The {@code schedules} section's write operations: {@code pause}, {@code resume} and
 * {@code trigger} a schedule. Each takes the schedule's name as {@code id}.
 */
public final class ScheduleAdminOperations {

	private ScheduleAdminOperations() {
	}

	/**
	 * Return the operation that pauses a schedule.
	 * @param client the schedule client
	 * @return the {@code schedules/pause} operation
	 */
	public static AdminOperation pause(ScheduleClient client) {
		return operation("pause", (name) -> describe(client.pause(name)));
	}

	/**
	 * Return the operation that resumes a schedule.
	 * @param client the schedule client
	 * @return the {@code schedules/resume} operation
	 */
	public static AdminOperation resume(ScheduleClient client) {
		return operation("resume", (name) -> describe(client.resume(name)));
	}

	/**
	 * Return the operation that fires a schedule once now.
	 * @param client the schedule client
	 * @return the {@code schedules/trigger} operation
	 */
	public static AdminOperation trigger(ScheduleClient client) {
		return operation("trigger", (name) -> {
			client.trigger(name);
			return Map.of("name", name, "triggered", true);
		});
	}

	private static Map<String, Object> describe(ScheduleInfo info) {
		return Map.of("name", info.name(), "kind", info.kind().name(), "paused", info.paused(), "nextFire",
				String.valueOf(info.nextFire()));
	}

	private static AdminOperation operation(String name, Function<String, Object> action) {
		return AdminOperation.onId("schedules", name, "the schedule's name", "nightly-report", action);
	}

}
