/**
 * Subjects that measure zk-workflow's own capabilities (durable tasks, live configuration),
 * each started as real Spring application contexts with their own ZooKeeper sessions, next to
 * the baselines of their tables.
 */
@NullMarked
package io.zkworkflow.benchmarks.capability;

import org.jspecify.annotations.NullMarked;
