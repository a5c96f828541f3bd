package io.zkworkflow.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;

/**
 * Identity of a workflow instance, one znode name. Started with an idempotency key, the id
 * is derived from the definition name and the key, so a second start finds the first.
 *
 * @param value the id
 */
public record WorkflowId(String value) {

	public WorkflowId {
		String problem = ZnodeNames.checkId(value);
		if (problem != null) {
			throw new IllegalArgumentException("Workflow id " + InputText.quote(String.valueOf(value))
					+ " is not valid: it " + problem + "; use the id WorkflowClient.start returned");
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
