/**
 * The minimal application every footprint variant runs. Its auto-configuration set, and so its
 * footprint, depends only on the classpath Maven resolves for the variant; the checks that need
 * ZooKeeper or zk-workflow types are loaded only when those types are present.
 */
@NullMarked
package io.zkworkflow.benchmarks.footprint.app;

import org.jspecify.annotations.NullMarked;
