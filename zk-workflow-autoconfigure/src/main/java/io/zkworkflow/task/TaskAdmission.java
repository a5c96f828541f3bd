package io.zkworkflow.task;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Decides, once this instance claimed a task and before its handler runs, whether the handler
 * runs here. A task handed back returns to its queue without its attempt being counted, and
 * this instance leaves it to others for a while; a task refused is dead-lettered at once with
 * the reason as its error, its handler never called. The engine asks every admission bean in
 * order; the first that does not admit decides. Keep it cheap: it runs on every claim.
 */
@FunctionalInterface
public interface TaskAdmission {

	/**
	 * Decide about a claimed task.
	 * @param id the task
	 * @param attributes the attributes it was submitted with
	 * @return the verdict, {@link Verdict#RUN} to run the handler here
	 * @throws Exception when the verdict cannot be reached; the task is then handed back
	 */
	Verdict admit(TaskId id, Map<String, String> attributes) throws Exception;

	/**
	 * What becomes of a claimed task.
	 *
	 * @param kind run, hand back or refuse
	 * @param reason why it is handed back or refused, for the log and the dead letter
	 */
	record Verdict(Kind kind, @Nullable String reason) {

		/** Run the handler here. */
		public static final Verdict RUN = new Verdict(Kind.RUN, null);

		/**
		 * Return the task to its queue, uncounted, for another instance to claim.
		 * @param reason why this instance does not run it
		 * @return the verdict
		 */
		public static Verdict handBack(String reason) {
			return new Verdict(Kind.HAND_BACK, reason);
		}

		/**
		 * Dead-letter the task without running its handler.
		 * @param error the dead letter's error
		 * @return the verdict
		 */
		public static Verdict refuse(String error) {
			return new Verdict(Kind.REFUSE, error);
		}

		/** The three verdicts. */
		public enum Kind {

			/** Run the handler on this instance. */
			RUN,

			/** Put the task back in its queue without counting the attempt. */
			HAND_BACK,

			/** Dead-letter the task at once. */
			REFUSE

		}

	}

}
