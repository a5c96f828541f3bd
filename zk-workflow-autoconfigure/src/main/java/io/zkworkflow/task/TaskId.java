package io.zkworkflow.task;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;
import org.jspecify.annotations.Nullable;

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
			throw new IllegalArgumentException("Task name " + InputText.quote(String.valueOf(name)) + " " + problem);
		}
		String uidProblem = ZnodeNames.checkId(uid);
		if (uidProblem != null) {
			throw new IllegalArgumentException("Task id " + InputText.quote(name + "/" + uid) + " has an invalid uid: it "
					+ uidProblem + "; use the id TaskClient.submit returned (its toString() is 'name/uid')");
		}
	}

	/**
	 * Parse the form returned by {@link #toString()}.
	 * @param value {@code name/uid}
	 * @return the id
	 */
	public static TaskId parse(@Nullable String value) {
		if (value == null) {
			throw new IllegalArgumentException("A task id must not be null; expected 'name/uid' as returned by "
					+ "TaskClient.submit");
		}
		int slash = value.indexOf('/');
		if (slash <= 0 || slash == value.length() - 1) {
			throw new IllegalArgumentException(InputText.quote(value) + " is not a task id; expected 'name/uid'");
		}
		return new TaskId(value.substring(0, slash), value.substring(slash + 1));
	}

	@Override
	public String toString() {
		return this.name + "/" + this.uid;
	}

}
