/**
 * The footprint benchmark: four minimal applications (plain Spring Boot, ZooKeeper discovery
 * alone, the zk-workflow starter, the starter with the embedded server), each started in fresh
 * JVMs on the classpath Maven resolved for it. Start with
 * {@link io.zkworkflow.benchmarks.footprint.FootprintMain}.
 */
@NullMarked
package io.zkworkflow.benchmarks.footprint;

import org.jspecify.annotations.NullMarked;
