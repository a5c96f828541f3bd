/**
 * The reliability harness: ZooKeeper servers and workers as separate JVMs that scenarios kill,
 * pause and restart, a history every participant appends to, and a checker that reads it
 * afterwards. See docs/reliability.md.
 */
@NullMarked
package io.zkworkflow.reliability;

import org.jspecify.annotations.NullMarked;
