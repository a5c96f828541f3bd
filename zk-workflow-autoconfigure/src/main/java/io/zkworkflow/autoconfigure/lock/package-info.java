/**
 * Auto-configuration of distributed locks and the properties it binds.
 */
@NullMarked
package io.zkworkflow.autoconfigure.lock;

import org.jspecify.annotations.NullMarked;
