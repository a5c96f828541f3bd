package io.zkworkflow.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;


/**
 * Identity of a workflow instance, one znode name. Started with an idempotency key, the id
 * is derived from the definition name and the key, so a second start finds the first.
 *
 * @param value the id
 */
public record WorkflowId(String value) {

	public WorkflowId {
		if (value == null || value.isEmpty() || value.indexOf('/') >= 0 || value.equals(".") || value.equals("..")
				|| value.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("Workflow id '" + value + "' is not valid: use the id WorkflowClient.start "
					+ "returned (one znode name: no '/', not '.' or '..', no control characters)");
		}
	}

	/**
	 * Return a fresh random id.
	 * @return the id
	 */
	public static WorkflowId random() {
		return new WorkflowId("w-" + UUID.randomUUID());
	}

	/**
	 * Return the id that a start of {@code definition} with {@code key} gets.
	 * @param definition the definition name
	 * @param key the idempotency key
	 * @return the id
	 */
	public static WorkflowId forKey(String definition, String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((definition + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
			return new WorkflowId("k-" + HexFormat.of().formatHex(digest, 0, 16));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
