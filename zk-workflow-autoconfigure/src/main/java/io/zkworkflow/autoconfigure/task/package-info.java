/**
 * Auto-configuration of durable tasks and the properties it binds.
 */
@NullMarked
package io.zkworkflow.autoconfigure.task;

import org.jspecify.annotations.NullMarked;
