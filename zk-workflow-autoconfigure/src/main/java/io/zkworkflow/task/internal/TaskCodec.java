package io.zkworkflow.task.internal;

import java.lang.reflect.Type;

import io.zkworkflow.internal.JsonCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the engine: its own records with a private mapper (so that an application's
 * Jackson customizations never change the wire format shared by the fleet), payloads and
 * outputs with the application's mapper.
 */
public final class TaskCodec extends JsonCodec {

	public TaskCodec(JsonMapper application) {
		super(JsonMapper.builder().build(), application);
	}

	Object bind(JsonNode payload, Type type) {
		return application().treeToValue(payload, application().getTypeFactory().constructType(type));
	}

}
