package io.zkworkflow.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;

/**
 * Runs the selected subjects one after the other against one ZooKeeper, each under its own
 * znode of a run root that is deleted at the end, and collects their results. A subject that
 * throws is reported as failed; the others still run.
 */
public final class BenchmarkRunner {

	private final String connectString;

	private final SubjectOptions options;

	private final PrintStream progress;

	private final String runRoot;

	/**
	 * Create a runner.
	 * @param connectString the run's ZooKeeper
	 * @param options options for subjects
	 * @param progress where to print one line per subject as it runs
	 */
	public BenchmarkRunner(String connectString, SubjectOptions options, PrintStream progress) {
		this.connectString = connectString;
		this.options = options;
		this.progress = progress;
		this.runRoot = "/zk-workflow-benchmarks/run-" + System.currentTimeMillis();
	}

	/**
	 * Run every subject with the same plan.
	 * @param subjects the subjects, in order
	 * @param plan warm-up and window
	 * @return one result per subject
	 * @throws InterruptedException when interrupted
	 */
	public List<SubjectResult> run(List<BenchmarkSubject> subjects, RunPlan plan) throws InterruptedException {
		List<SubjectResult> results = new ArrayList<>();
		for (BenchmarkSubject subject : subjects) {
			this.progress.printf("%-28s running ...%n", subject.name());
			long started = System.nanoTime();
			SubjectResult result = runOne(subject, plan);
			results.add(result);
			this.progress.printf("%-28s %s (%.0f s)%n", subject.name(), summary(result),
					(System.nanoTime() - started) / 1e9);
		}
		deleteRunRoot();
		return results;
	}

	private SubjectResult runOne(BenchmarkSubject subject, RunPlan plan) throws InterruptedException {
		SubjectResult result;
		try (BenchmarkContext context = new BenchmarkContext(this.connectString,
				ZKPaths.makePath(this.runRoot, subject.name()), this.options)) {
			try {
				subject.setup(context);
				result = subject.run(plan);
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Exception ex) {
				result = SubjectResult.failed(subject, describe(ex), new Correctness());
			}
			finally {
				try {
					subject.tearDown();
				}
				catch (Exception ex) {
					this.progress.println(subject.name() + ": tear-down failed: " + describe(ex));
				}
			}
		}
		return result;
	}

	private void deleteRunRoot() throws InterruptedException {
		try (BenchmarkContext context = new BenchmarkContext(this.connectString, this.runRoot, this.options)) {
			CuratorFramework client = context.newClient();
			if (client.checkExists().forPath(this.runRoot) != null) {
				client.delete().deletingChildrenIfNeeded().forPath(this.runRoot);
			}
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			this.progress.println("Could not delete " + this.runRoot + ": " + describe(ex));
		}
	}

	private static String summary(SubjectResult result) {
		if (!result.succeeded()) {
			return "FAILED: " + result.failure();
		}
		String summary = Figures.throughput(result.opsPerSecond()) + " ops/s, p50 " + Figures.millis(result.p50Nanos())
				+ " ms, p99 " + Figures.millis(result.p99Nanos()) + " ms";
		return result.violations().isEmpty() ? summary : summary + ", CORRECTNESS LOST " + result.violations();
	}

	static String describe(Throwable ex) {
		String message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		Throwable cause = ex.getCause();
		return (cause != null && cause != ex) ? message + " (caused by " + cause + ")" : message;
	}

}
