package io.zkworkflow.benchmarks;

/**
 * One thing being measured: a library call, a recipe or a zk-workflow capability. A run calls
 * {@link #setup}, then {@link #run} once, then {@link #tearDown}; clients made through the
 * {@link BenchmarkContext} are closed after that.
 * <p>
 * Most subjects extend {@link ClosedLoopSubject} and only write one operation; subjects that
 * drive load themselves (pipelines, queues, paced producers) implement {@link #run} directly.
 * A new subject is one class plus one line in {@link BenchmarkCatalog}.
 */
public interface BenchmarkSubject {

	/**
	 * Stable name, used in the table and by {@code --subjects}, e.g. {@code curator.mutex}.
	 * @return the name
	 */
	String name();

	/**
	 * What one operation is and which part of it the latency columns time.
	 * @return a short description for the table's measurement column
	 */
	String measurement();

	/**
	 * The table this subject is reported in; its ratios are against that table's baseline.
	 * @return the table
	 */
	BenchmarkTable table();

	/**
	 * Create what the subject needs (clients, nodes, recipes); not measured.
	 * @param context the run's ZooKeeper, paths and options for this subject
	 * @throws Exception when setup fails; the subject is reported as failed
	 */
	void setup(BenchmarkContext context) throws Exception;

	/**
	 * Warm up, then measure for the plan's window.
	 * @param plan warm-up and measurement window
	 * @return the measured figures and correctness counters
	 * @throws Exception when the subject cannot complete; it is reported as failed
	 */
	SubjectResult run(RunPlan plan) throws Exception;

	/**
	 * Release what {@link #setup} made, other than context clients (closed by the harness).
	 * @throws Exception when tear-down fails; reported, the run goes on
	 */
	default void tearDown() throws Exception {
	}

}
