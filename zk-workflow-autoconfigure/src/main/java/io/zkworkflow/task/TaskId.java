package io.zkworkflow.task;

import io.zkworkflow.support.ZnodeNames;

/**
 * Identity of a submitted task: its name and a unique id. The string form
 * {@code name/uid} round-trips through {@link #parse}.
 *
 * @param name the task name
 * @param uid the unique id within the name
 */
public record TaskId(String name, String uid) {

	public TaskId {
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new IllegalArgumentException("Task name '" + name + "' " + problem);
		}
		ZnodeNames.requireSegment(uid);
	}

	/**
	 * Parse the form returned by {@link #toString()}.
	 * @param value {@code name/uid}
	 * @return the id
	 */
	public static TaskId parse(String value) {
		int slash = value.indexOf('/');
		if (slash <= 0 || slash == value.length() - 1) {
			throw new IllegalArgumentException("'" + value + "' is not a task id; expected 'name/uid'");
		}
		return new TaskId(value.substring(0, slash), value.substring(slash + 1));
	}

	@Override
	public String toString() {
		return this.name + "/" + this.uid;
	}

}
