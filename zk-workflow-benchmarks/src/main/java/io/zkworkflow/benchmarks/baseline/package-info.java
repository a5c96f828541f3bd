/**
 * Baseline subjects: raw ZooKeeper, Curator recipes and ShedLock, measured in the same run
 * as zk-workflow so every figure can be read as a ratio.
 */
@NullMarked
package io.zkworkflow.benchmarks.baseline;

import org.jspecify.annotations.NullMarked;
