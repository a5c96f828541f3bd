/**
 * The JDBC history sink's internals: the recorder that turns committed endings into rows, the
 * SQL, the schema initializer and the metrics. Not an API; types are public only for the
 * auto-configuration.
 */
@NullMarked
package io.zkworkflow.history.internal;

import org.jspecify.annotations.NullMarked;
