/**
 * Actuator integration: health and the {@code zkworkflow} endpoint.
 */
@NullMarked
package io.zkworkflow.actuate;

import org.jspecify.annotations.NullMarked;
