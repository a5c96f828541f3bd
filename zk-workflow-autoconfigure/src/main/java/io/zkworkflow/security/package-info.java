/**
 * Digest authentication and ACLs for the znodes zk-workflow creates.
 */
@NullMarked
package io.zkworkflow.security;

import org.jspecify.annotations.NullMarked;
