package io.zkworkflow.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * JSON for what zk-workflow keeps in ZooKeeper. Its own records (task and workflow state) use a
 * private mapper, so the format the fleet shares does not depend on an application's Jackson
 * customizations; payloads, inputs and outputs use the application's mapper.
 */
public class JsonCodec {

	private final JsonMapper internal;

	private final JsonMapper application;

	protected JsonCodec(JsonMapper internal, JsonMapper application) {
		this.internal = internal;
		this.application = application;
	}

	/**
	 * Write one of zk-workflow's own records.
	 * @param record the record
	 * @return its JSON bytes
	 */
	public byte[] write(Object record) {
		return this.internal.writeValueAsBytes(record);
	}

	/**
	 * Read one of zk-workflow's own records.
	 * @param <T> the record type
	 * @param data the JSON bytes
	 * @param type the record type
	 * @return the record
	 */
	public <T> T read(byte[] data, Class<T> type) {
		return this.internal.readValue(data, type);
	}

	/**
	 * Turn an application value into a JSON tree with the application's mapper.
	 * @param value the value, possibly {@code null}
	 * @return the tree ({@code null} becomes a JSON null)
	 */
	public JsonNode toTree(@Nullable Object value) {
		return (value != null) ? this.application.valueToTree(value) : NullNode.getInstance();
	}

	/**
	 * Return how many bytes a tree takes as JSON.
	 * @param node the tree, possibly {@code null}
	 * @return its size, 0 for {@code null}
	 */
	public int sizeOf(@Nullable JsonNode node) {
		return (node != null) ? this.application.writeValueAsBytes(node).length : 0;
	}

	/**
	 * Return the application's mapper.
	 * @return the mapper
	 */
	public JsonMapper application() {
		return this.application;
	}

}
