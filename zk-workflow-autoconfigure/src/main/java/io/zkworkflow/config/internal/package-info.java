/**
 * Internals of live configuration: the CuratorCache tree, the apply pipeline and its bindings.
 * Not an API.
 */
@NullMarked
package io.zkworkflow.config.internal;

import org.jspecify.annotations.NullMarked;
