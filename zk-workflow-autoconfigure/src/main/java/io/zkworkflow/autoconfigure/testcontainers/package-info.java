/**
 * Testcontainers {@code @ServiceConnection} support for a ZooKeeper container.
 */
@NullMarked
package io.zkworkflow.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
