package io.zkworkflow.workflow;

import java.util.List;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;

/**
 * Makes the steps of {@link WorkflowDefinitionBuilder#thenWorkflow}, checking their arguments.
 * Whether the child is declared, and whether definitions start each other in a cycle, can only
 * be told once every definition is known: the registry checks that at startup.
 */
final class ChildSteps {

	private ChildSteps() {
	}

	static StepDefinition thenWorkflow(String workflow, String definition, List<String> parents) {
		String where = "Workflow '" + workflow + "'";
		String problem = ZnodeNames.checkName(definition);
		if (problem != null) {
			throw new WorkflowDefinitionException(where + ": thenWorkflow(" + InputText.quote(definition) + ") "
					+ problem + "; name the WorkflowDefinition to start as a child, such as thenWorkflow(\"charge-order\").");
		}
		return new StepDefinition(definition, WorkflowDefinition.CHILD_TASK, parents, null, StepOptions.NONE, null,
				new StepWait.Child(definition), 0);
	}

}
