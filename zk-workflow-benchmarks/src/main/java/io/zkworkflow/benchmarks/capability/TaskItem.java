package io.zkworkflow.benchmarks.capability;

/**
 * The payload and output of a benchmark task: a unique id for the ledger and the
 * {@link System#nanoTime()} just before it was submitted (all instances share this JVM).
 *
 * @param id unique id
 * @param nanos nano time just before submit
 */
public record TaskItem(long id, long nanos) {
}
