package io.zkworkflow.workflow.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * JSON for workflows: records with a private mapper (the fleet's wire format must not depend
 * on an application's Jackson customizations), inputs and outputs with the application's.
 */
public final class WorkflowCodec {

	private final JsonMapper internal = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final JsonMapper application;

	public WorkflowCodec(JsonMapper application) {
		this.application = application;
	}

	byte[] write(Object record) {
		return this.internal.writeValueAsBytes(record);
	}

	<T> T read(byte[] data, Class<T> type) {
		return this.internal.readValue(data, type);
	}

	JsonNode toTree(@Nullable Object value) {
		return (value != null) ? this.application.valueToTree(value) : NullNode.getInstance();
	}

	int sizeOf(@Nullable JsonNode node) {
		return (node != null) ? this.application.writeValueAsBytes(node).length : 0;
	}

	JsonMapper application() {
		return this.application;
	}

}
