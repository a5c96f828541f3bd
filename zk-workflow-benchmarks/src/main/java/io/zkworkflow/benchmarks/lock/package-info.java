/**
 * zk-workflow's distributed locks measured next to the raw ZooKeeper and Curator baselines:
 * {@code @DistributedLocked} through a Spring context, {@code DistributedLockTemplate} without
 * one, scaling over distinct keys, contention across instances and the time to report a loss.
 */
@NullMarked
package io.zkworkflow.benchmarks.lock;

import org.jspecify.annotations.NullMarked;
