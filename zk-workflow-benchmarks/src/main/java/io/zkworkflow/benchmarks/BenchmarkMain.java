package io.zkworkflow.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command-line entry point: starts one ZooKeeper (or, with {@code --zookeeper=both}, a single
 * server and then a three-server ensemble of separate processes), runs the selected subjects
 * against it, prints the Markdown tables and writes them to the results directory. See
 * {@link BenchmarkOptions#USAGE}.
 */
public final class BenchmarkMain {

	static final int EXIT_OK = 0;

	static final int EXIT_BAD_OPTIONS = 1;

	static final int EXIT_CORRECTNESS_LOST = 2;

	static final int EXIT_SUBJECT_FAILED = 3;

	/** {@code --zookeeper=both}: the selection against a single server, then a three-server ensemble. */
	static final String BOTH = "both";

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		System.exit(run(args, System.out));
	}

	/**
	 * Run the benchmarks.
	 * @param args command-line arguments
	 * @param out where tables and progress go
	 * @return the exit code
	 * @throws Exception when ZooKeeper cannot start or the results cannot be written
	 */
	public static int run(String[] args, PrintStream out) throws Exception {
		BenchmarkOptions options;
		List<BenchmarkSubject> subjects;
		try {
			options = BenchmarkOptions.parse(args, defaultResultsDir());
			subjects = BenchmarkCatalog.select(BenchmarkCatalog.all(), options.subjects());
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			return EXIT_BAD_OPTIONS;
		}
		if (options.help()) {
			out.print(BenchmarkOptions.USAGE);
			return EXIT_OK;
		}
		if (options.list()) {
			subjects.forEach((subject) -> out.printf("%-28s %-45s %s%n", subject.name(), subject.table().title(),
					subject.measurement()));
			return EXIT_OK;
		}
		String loadAtStart = MachineDescription.loadAverage();
		String startedAt = java.time.Instant.now().toString();
		List<TargetRun> runs = new java.util.ArrayList<>();
		if (options.zookeeper().equals(BOTH)) {
			runs.add(runAgainst("standalone", "single server", false, options, subjects, out));
			runs.add(runAgainst("processes", "ensemble", true, options, subjects, out));
		}
		else {
			runs.add(runAgainst(options.zookeeper(), options.zookeeper(), false, options, subjects, out));
		}
		List<SubjectResult> results = runs.stream().flatMap((run) -> run.results().stream()).toList();
		String markdown = ResultsFile.composeRuns(commandLine(args), options,
				MachineDescription.collect(options.dataDir(), loadAtStart), runs);
		out.println();
		out.println(markdown);
		Path written = ResultsFile.write(options.resultsDir(), options.mode(), markdown);
		out.println("Written to " + written.toAbsolutePath());
		Path json = ResultsJson.write(options.resultsDir(),
				ResultsJson.composeRuns(commandLine(args), options, startedAt, runs));
		out.println("Ratios for scripts written to " + json.toAbsolutePath());
		if (!options.subjectOptions().unread().isEmpty()) {
			out.println("WARN: no subject used these options (typo?): " + options.subjectOptions().unread());
		}
		return exitCode(results);
	}

	/**
	 * Start one ZooKeeper, run every round of the selection against it, and stop it.
	 */
	private static TargetRun runAgainst(String spec, String label, boolean ensemble, BenchmarkOptions options,
			List<BenchmarkSubject> subjects, PrintStream out) throws Exception {
		try (ZooKeeperTarget zookeeper = ZooKeeperTarget.start(spec, options.dataDir())) {
			out.println("ZooKeeper: " + zookeeper.description());
			out.println("Plan: warm-up " + options.plan().warmup() + ", window " + options.plan().window() + ", "
					+ subjects.size() + " subjects, " + options.plan().rounds() + " round(s)");
			BenchmarkRunner runner = new BenchmarkRunner(zookeeper.connectString(), options.subjectOptions(), out);
			List<List<SubjectResult>> rounds = new java.util.ArrayList<>();
			for (int round = 1; round <= options.plan().rounds(); round++) {
				if (options.plan().rounds() > 1) {
					out.println("Round " + round + " of " + options.plan().rounds());
				}
				// fresh subjects for every round and target: a subject's tear-down may end what it started
				List<BenchmarkSubject> fresh = (round == 1 && !ensemble) ? subjects
						: BenchmarkCatalog.select(BenchmarkCatalog.all(), options.subjects());
				rounds.add(runner.run(fresh, options.plan()));
			}
			return new TargetRun(label, ensemble, zookeeper.description(), RoundMedians.combine(rounds));
		}
	}

	static int exitCode(List<SubjectResult> results) {
		if (results.stream().anyMatch((result) -> !result.succeeded())) {
			return EXIT_SUBJECT_FAILED;
		}
		if (results.stream().anyMatch((result) -> !result.violations().isEmpty())) {
			return EXIT_CORRECTNESS_LOST;
		}
		return EXIT_OK;
	}

	/**
	 * The module's {@code results} directory when running from its jar in {@code target/},
	 * otherwise {@code results} in the working directory.
	 */
	private static Path defaultResultsDir() {
		String classPath = System.getProperty("java.class.path", "");
		if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
			Path moduleDir = Path.of(classPath).toAbsolutePath().getParent().getParent();
			if (moduleDir != null && Files.exists(moduleDir.resolve("pom.xml"))) {
				return moduleDir.resolve("results");
			}
		}
		return Path.of("results");
	}

	private static String commandLine(String[] args) {
		StringBuilder command = new StringBuilder("java -jar zk-workflow-benchmarks/target/zk-workflow-benchmarks.jar");
		for (String arg : args) {
			command.append(' ').append(arg);
		}
		return command.toString();
	}

}
