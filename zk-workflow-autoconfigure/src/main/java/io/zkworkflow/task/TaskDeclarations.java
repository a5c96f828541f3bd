package io.zkworkflow.task;

import java.util.List;

/**
 * The {@link WorkflowTask} handlers this application declares: the extension point through
 * which a capability built on the task engine learns which tasks run here (workflows check
 * that their steps exist and fire the handlers' cron schedules). Complete once every
 * singleton bean exists.
 */
public interface TaskDeclarations {

	/**
	 * Return the handlers declared by this application, in no particular order.
	 * @return the declared tasks
	 */
	List<DeclaredTask> declared();

	/**
	 * One {@link WorkflowTask} handler as declared.
	 *
	 * @param name the task name
	 * @param handler the handler method as {@code Class#method(ParamTypes)}, for messages
	 * @param cron the {@link WorkflowTask#cron()} attribute as written (placeholders not
	 * resolved), empty when the task has no schedule
	 * @param zone the {@link WorkflowTask#zone()} attribute as written, empty for UTC
	 */
	record DeclaredTask(String name, String handler, String cron, String zone) {
	}

}
