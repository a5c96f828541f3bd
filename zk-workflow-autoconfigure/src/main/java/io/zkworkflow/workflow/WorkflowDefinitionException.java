package io.zkworkflow.workflow;

/**
 * An invalid {@link WorkflowDefinition}: the message names the definition, the step and how
 * to fix it. Thrown while the definition bean is built or validated, so startup fails.
 */
public class WorkflowDefinitionException extends IllegalStateException {

	public WorkflowDefinitionException(String message) {
		super(message);
	}

	public WorkflowDefinitionException(String message, Throwable cause) {
		super(message, cause);
	}

}
