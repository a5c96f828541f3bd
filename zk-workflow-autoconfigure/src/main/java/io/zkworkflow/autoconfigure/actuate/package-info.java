/**
 * Auto-configuration of the actuator endpoint and health contributor, and the properties they bind.
 */
@NullMarked
package io.zkworkflow.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
