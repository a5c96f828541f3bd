package io.zkworkflow.lock.internal;

import io.zkworkflow.internal.EphemeralReservation;

/**
 * A lock node we now hold.
 *
 * @param path our lock node
 * @param token the fencing token (the zxid that created our node)
 * @param sessionId the session that owns our node
 * @param reservation its place in the ephemeral budget, released once the node is gone
 */
public record Acquired(String path, long token, long sessionId, EphemeralReservation reservation) {
}
