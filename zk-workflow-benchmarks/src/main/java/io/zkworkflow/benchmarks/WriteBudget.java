package io.zkworkflow.benchmarks;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a ZooKeeper ensemble's write ceiling allows: every committed transaction is logged and
 * fsynced by every server, so an ensemble that commits at most {@code ceiling} transactions per
 * second runs at most {@code ceiling / transactionsPerOperation} operations per second of a
 * kind that costs that many transactions. The ceiling measured by {@code zk.write-ceiling} is
 * kept here for the subjects that run after it in the same JVM.
 */
public final class WriteBudget {

	private static volatile @Nullable Double lastCeiling;

	private WriteBudget() {
	}

	/**
	 * Remember the transactions per second the ceiling subject measured.
	 * @param transactionsPerSecond the ceiling
	 */
	public static void ceilingMeasured(double transactionsPerSecond) {
		lastCeiling = transactionsPerSecond;
	}

	/**
	 * Return the ceiling measured last in this JVM.
	 * @return transactions per second, or {@code null} when it was not measured
	 */
	public static @Nullable Double lastCeiling() {
		return lastCeiling;
	}

	/**
	 * Return the transactions one operation cost: those committed in a window, less those the
	 * same deployment commits when idle over as long, divided by the operations.
	 * @param transactions transactions committed in the window
	 * @param idlePerSecond transactions per second the deployment commits with no operation running
	 * @param windowSeconds the window's length
	 * @param operations operations completed in the window
	 * @return transactions per operation, never negative; {@code NaN} when nothing ran
	 */
	public static double perOperation(long transactions, double idlePerSecond, double windowSeconds,
			long operations) {
		if (operations <= 0 || transactions < 0) {
			return Double.NaN;
		}
		return Math.max(0, transactions - idlePerSecond * windowSeconds) / operations;
	}

	/**
	 * Return the operations per second the ceiling allows.
	 * @param ceiling transactions per second the ensemble commits at most
	 * @param transactionsPerOperation what one operation costs
	 * @return the allowed rate; infinite for an operation that writes nothing
	 */
	public static double allowedRate(double ceiling, double transactionsPerOperation) {
		if (!(transactionsPerOperation > 0)) {
			return Double.POSITIVE_INFINITY;
		}
		return ceiling / transactionsPerOperation;
	}

	/**
	 * Return how close a measured rate comes to what the ceiling allows.
	 * @param measured operations per second measured
	 * @param ceiling transactions per second the ensemble commits at most
	 * @param transactionsPerOperation what one operation costs
	 * @return e.g. 0.9 for nine tenths of the allowed rate
	 */
	public static double reach(double measured, double ceiling, double transactionsPerOperation) {
		return measured / allowedRate(ceiling, transactionsPerOperation);
	}

	/**
	 * Describe an operation's cost against the last ceiling, for a subject's note.
	 * @param transactionsPerOperation what one operation costs
	 * @param measured operations per second measured
	 * @return e.g. {@code 2.00 transactions per op; the ceiling (12,000 tx/s) allows 6,000 op/s, reached 0.10x}
	 */
	public static String describe(double transactionsPerOperation, double measured) {
		String cost = String.format(Locale.ROOT, "%.2f transactions per op", transactionsPerOperation);
		Double ceiling = lastCeiling;
		if (ceiling == null || Double.isNaN(transactionsPerOperation)) {
			return cost + " (no zk.write-ceiling in this run)";
		}
		return String.format(Locale.ROOT, "%s; the ceiling (%s tx/s) allows %s op/s, reached %.2fx", cost,
				Figures.throughput(ceiling), Figures.throughput(allowedRate(ceiling, transactionsPerOperation)),
				reach(measured, ceiling, transactionsPerOperation));
	}

}
