/**
 * Micrometer Observation support for tasks: the contexts and replaceable conventions of the
 * {@code zk.workflow.task.submit} and {@code zk.workflow.task.attempt} observations.
 */
@NullMarked
package io.zkworkflow.task.observation;

import org.jspecify.annotations.NullMarked;
