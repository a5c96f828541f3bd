/**
 * Auto-configuration of workflows and schedules and the properties it binds.
 */
@NullMarked
package io.zkworkflow.autoconfigure.workflow;

import org.jspecify.annotations.NullMarked;
