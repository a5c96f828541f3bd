package io.zkworkflow.task;

/**
 * Work done periodically by the one elected coordinator of the fleet (a schedule that fires
 * cron ticks, for example). Beans of this type run on the coordinator's thread every
 * {@code zk-workflow.tasks.coordinator-interval} while this instance leads. Leadership can
 * change between two runs and, briefly, two instances may both believe they lead: a duty
 * must make its writes safe to repeat (idempotency keys, version checks).
 */
@FunctionalInterface
public interface CoordinatorDuty {

	/**
	 * Do one round of work.
	 * @throws Exception on failure; logged, and the duty runs again next round
	 */
	void perform() throws Exception;

}
