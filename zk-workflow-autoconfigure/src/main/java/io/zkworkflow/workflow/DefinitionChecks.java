package io.zkworkflow.workflow;

import io.zkworkflow.internal.ZnodeNames;

import org.springframework.scheduling.support.CronExpression;

/**
 * Checks of single values of a definition, shared by the builder's methods.
 */
final class DefinitionChecks {

	private DefinitionChecks() {
	}

	static void checkStepName(String where, String step) {
		String problem = ZnodeNames.checkName(step);
		if (problem != null) {
			throw new WorkflowDefinitionException(where + ": step name '" + step + "' " + problem
					+ "; a step id is its @WorkflowTask name unless set with as(\"id\").");
		}
	}

	static void checkCron(String where, String cron) {
		try {
			CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			throw new WorkflowDefinitionException(where + ": schedule '" + cron + "' is not a valid cron expression ("
					+ ex.getMessage() + "); use six fields, seconds first, such as '0 0 2 * * *'.", ex);
		}
	}

}
