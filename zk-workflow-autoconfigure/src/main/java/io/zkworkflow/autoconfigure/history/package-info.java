/**
 * Auto-configuration of the optional JDBC history sink and the properties it binds.
 */
@NullMarked
package io.zkworkflow.autoconfigure.history;

import org.jspecify.annotations.NullMarked;
