/**
 * The live operations dashboard served at {@code /zk-workflow}: static files reading the
 * {@code zkworkflow} actuator endpoint.
 */
@NullMarked
package io.zkworkflow.dashboard.internal;

import org.jspecify.annotations.NullMarked;
