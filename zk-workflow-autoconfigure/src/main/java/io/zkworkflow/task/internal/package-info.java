/**
 * The task engine's internals: znode layout, claim/complete transactions, workers and the
 * coordinator. Not an API; types are public only for the auto-configuration.
 */
@NullMarked
package io.zkworkflow.task.internal;

import org.jspecify.annotations.NullMarked;
