/**
 * Auto-configuration of live configuration and the properties it binds.
 */
@NullMarked
package io.zkworkflow.autoconfigure.config;

import org.jspecify.annotations.NullMarked;
