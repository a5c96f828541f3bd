/**
 * Auto-configuration of the operations console and the properties it binds.
 */
@NullMarked
package io.zkworkflow.autoconfigure.dashboard;

import org.jspecify.annotations.NullMarked;
