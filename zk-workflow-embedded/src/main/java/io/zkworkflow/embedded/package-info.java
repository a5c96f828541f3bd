/**
 * An in-process ZooKeeper server for development and samples.
 */
@NullMarked
package io.zkworkflow.embedded;

import org.jspecify.annotations.NullMarked;
