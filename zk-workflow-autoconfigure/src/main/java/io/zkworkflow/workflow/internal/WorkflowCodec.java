package io.zkworkflow.workflow.internal;

import io.zkworkflow.internal.JsonCodec;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for workflows: records with a private mapper (the fleet's wire format must not depend
 * on an application's Jackson customizations), inputs and outputs with the application's.
 */
public final class WorkflowCodec extends JsonCodec {

	public WorkflowCodec(JsonMapper application) {
		super(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(), application);
	}

}
