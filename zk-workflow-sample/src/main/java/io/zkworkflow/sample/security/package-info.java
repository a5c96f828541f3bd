/**
 * Sample: who may read and who may change things.
 */
@NullMarked
package io.zkworkflow.sample.security;

import org.jspecify.annotations.NullMarked;
