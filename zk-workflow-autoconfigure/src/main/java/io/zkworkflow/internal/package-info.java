/**
 * Pieces shared by every capability: the zk-workflow root, znode naming, connection checks.
 */
@NullMarked
package io.zkworkflow.internal;

import org.jspecify.annotations.NullMarked;
