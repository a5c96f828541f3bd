package io.zkworkflow.reliability;

/**
 * What a worker JVM does once its application is up, chosen by the {@code reliability.workload}
 * property from the names in {@link WorkerMain}. A workload records what it does in the worker's
 * history; returning ends the workload (the application keeps running).
 */
@FunctionalInterface
public interface Workload {

	/**
	 * Run the workload.
	 * @param worker the worker's application, client and history
	 * @throws Exception on a failure that ends the workload
	 */
	void run(WorkerContext worker) throws Exception;

}
