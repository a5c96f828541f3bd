/**
 * Sample: one instance calling another through discovery.
 */
@NullMarked
package io.zkworkflow.sample.peers;

import org.jspecify.annotations.NullMarked;
