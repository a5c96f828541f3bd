/**
 * Digest authentication and ACLs for the znodes zk-workflow creates.
 */
@NullMarked
package io.zkworkflow.security.internal;

import org.jspecify.annotations.NullMarked;
