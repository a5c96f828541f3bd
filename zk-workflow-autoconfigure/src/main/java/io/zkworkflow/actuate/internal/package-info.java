/**
 * Plumbing of the actuator integration: health, the session section and the policy for write operations.
 */
@NullMarked
package io.zkworkflow.actuate.internal;

import org.jspecify.annotations.NullMarked;
