package io.zkworkflow.task.internal;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * JSON for the engine: its own records with a private mapper (so that an application's
 * Jackson customizations never change the wire format shared by the fleet), payloads and
 * outputs with the application's mapper.
 */
public final class TaskCodec {

	private final JsonMapper internal = JsonMapper.builder().build();

	private final JsonMapper application;

	public TaskCodec(JsonMapper application) {
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

	int sizeOf(JsonNode node) {
		return this.application.writeValueAsBytes(node).length;
	}

	Object bind(JsonNode payload, Type type) {
		return this.application.treeToValue(payload, this.application.getTypeFactory().constructType(type));
	}

}
