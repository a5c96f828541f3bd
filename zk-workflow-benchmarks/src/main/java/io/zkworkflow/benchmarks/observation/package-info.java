/**
 * The observation setups the overhead subjects compare: a no-op {@code ObservationRegistry}
 * (the baseline), one whose handler updates Micrometer timers, and one that also makes Brave
 * spans through Micrometer Tracing.
 */
@NullMarked
package io.zkworkflow.benchmarks.observation;

import org.jspecify.annotations.NullMarked;
