/**
 * A benchmark harness that measures zk-workflow next to raw ZooKeeper and the libraries
 * users would pick instead, against one real ZooKeeper per run. Start with
 * {@link io.zkworkflow.benchmarks.BenchmarkMain}; add a subject with one class listed in
 * {@link io.zkworkflow.benchmarks.BenchmarkCatalog}.
 */
@NullMarked
package io.zkworkflow.benchmarks;

import org.jspecify.annotations.NullMarked;
