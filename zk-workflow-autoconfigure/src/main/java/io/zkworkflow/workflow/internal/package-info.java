/**
 * The workflow engine's internals: znode layout, records, transitions and schedules.
 */
@NullMarked
package io.zkworkflow.workflow.internal;

import org.jspecify.annotations.NullMarked;
