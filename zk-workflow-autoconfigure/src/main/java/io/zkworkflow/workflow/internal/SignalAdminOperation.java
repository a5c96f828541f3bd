package io.zkworkflow.workflow.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.InputText;
import io.zkworkflow.workflow.SignalDelivery;
import io.zkworkflow.workflow.UnknownWorkflowException;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code workflows/signal} write operation: {@code {"id": "w-...", "key": "signal-name",
 * "value": "<payload as JSON>"}} sends a signal as {@link WorkflowClient#signal} does. The value
 * must be JSON ({@code "\"text\""} for a string); without one the payload is {@code null}.
 */
public final class SignalAdminOperation implements AdminOperation {

	private final WorkflowClient client;

	private final JsonMapper mapper;

	public SignalAdminOperation(WorkflowClient client, JsonMapper mapper) {
		this.client = client;
		this.mapper = mapper;
	}

	@Override
	public String section() {
		return "workflows";
	}

	@Override
	public String name() {
		return "signal";
	}

	@Override
	public Object invoke(Map<String, String> arguments) {
		String id = arguments.get("id");
		String name = arguments.get("key");
		if (id == null || id.isBlank() || name == null || name.isBlank()) {
			throw new IllegalArgumentException("workflows/signal needs the workflow id and the signal's name, as "
					+ "{\"id\": \"w-...\", \"key\": \"payment-confirmed\", \"value\": \"{\\\"amount\\\": 10}\"}");
		}
		String value = arguments.get("value");
		JsonNode payload;
		try {
			payload = (value != null) ? this.mapper.readTree(value) : this.mapper.nullNode();
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The value of workflows/signal " + InputText.quote(value)
					+ " is not JSON (" + ex.getOriginalMessage() + "); send the payload as JSON, a string in quotes");
		}
		try {
			SignalDelivery delivery = this.client.signal(new WorkflowId(id), name, payload);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("id", id);
			result.put("signal", name);
			result.put("delivery", delivery.name());
			return result;
		}
		catch (UnknownWorkflowException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

}
