package io.zkworkflow.lock.internal;

/**
 * A lock node we now hold.
 *
 * @param path our lock node
 * @param token the fencing token (the zxid that created our node)
 * @param sessionId the session that owns our node
 */
public record Acquired(String path, long token, long sessionId) {
}
