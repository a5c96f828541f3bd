/**
 * Testcontainers {@code @ServiceConnection} support for a ZooKeeper container.
 */
@NullMarked
package io.zkworkflow.testcontainers;

import org.jspecify.annotations.NullMarked;
