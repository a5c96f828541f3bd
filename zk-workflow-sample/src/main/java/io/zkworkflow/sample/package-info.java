/**
 * The zk-workflow sample application.
 */
@NullMarked
package io.zkworkflow.sample;

import org.jspecify.annotations.NullMarked;
