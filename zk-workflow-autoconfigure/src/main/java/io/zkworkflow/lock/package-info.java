/**
 * Distributed locks on ZooKeeper: {@link io.zkworkflow.lock.DistributedLocked} on a method, or
 * {@link io.zkworkflow.lock.DistributedLockTemplate} from code. Locks wait in order, notice when
 * they are lost, and hand out fencing tokens.
 */
@NullMarked
package io.zkworkflow.lock;

import org.jspecify.annotations.NullMarked;
