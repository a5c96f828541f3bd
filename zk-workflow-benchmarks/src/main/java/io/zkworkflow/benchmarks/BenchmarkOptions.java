package io.zkworkflow.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.convert.DurationStyle;

/**
 * The command line of a run. Harness options are parsed here; any other {@code --name=value}
 * is passed to subjects through {@link SubjectOptions}.
 *
 * @param mode {@code short} (about 2 minutes) or {@code full}
 * @param plan warm-up and window, from the mode unless given
 * @param subjects name filters, empty for all subjects
 * @param zookeeper {@code standalone}, {@code ensemble}, {@code processes}, {@code both} or a connect string
 * @param resultsDir where the report is written
 * @param dataDir where in-process servers keep their data
 * @param subjectOptions options for subjects
 * @param help whether to print usage and stop
 * @param list whether to list subjects and stop
 */
public record BenchmarkOptions(String mode, RunPlan plan, List<String> subjects, String zookeeper, Path resultsDir,
		Path dataDir, SubjectOptions subjectOptions, boolean help, boolean list) {

	/** Usage text for {@code --help}. */
	public static final String USAGE = """
			Usage: java -jar zk-workflow-benchmarks.jar [options]
			  --mode=short|full        short: 2s warm-up + 6s window per subject (about 2 minutes in all);
			                           full: 10s warm-up + 30s window (about 7 minutes)   [short]
			  --warmup=DURATION        override the mode's warm-up, e.g. 5s, 500ms
			  --window=DURATION        override the mode's measurement window, e.g. 20s
			  --rounds=N               run the selection N times, one subject after the other each round,
			                           and report the median of each figure   [1]
			  --subjects=a,b           only subjects whose name contains one of these (their tables'
			                           baselines are added so ratios stay meaningful)   [all]
			  --zookeeper=standalone|ensemble|processes|both|HOST:PORT,...
			                           in-process standalone server, in-process 3-node ensemble,
			                           3 servers in separate processes, both (standalone, then
			                           processes; headline ratios side by side), or an external
			                           ensemble   [standalone]
			  --results=DIR            where <mode>.md is written   [zk-workflow-benchmarks/results]
			  --data-dir=DIR           data directory of in-process servers   [java.io.tmpdir]
			  --list                   list subjects and exit
			  --help                   this text
			Subject options (see docs/benchmarks.md): --queue-items=5000 (short) / 20000 (full) --queue-producers=4
			  --queue-consumers=1 --queue-lock-path=false --queue-rate=50 --async-in-flight=1000 --task-in-flight=256
			  --lock-loss-repetitions=50 (short) / 200 (full) --ceiling-sessions=4 --ceiling-in-flight=250
			Exit code: 0 all correct, 2 a correctness counter is not zero, 3 a subject failed, 1 bad options.
			""";

	/**
	 * Parse the command line.
	 * @param args the arguments
	 * @param defaultResultsDir results directory when {@code --results} is absent
	 * @return the options
	 * @throws IllegalArgumentException naming the bad argument and how to write it
	 */
	public static BenchmarkOptions parse(String[] args, Path defaultResultsDir) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Argument '" + arg + "' should look like --name=value; see --help");
			}
			int equals = arg.indexOf('=');
			String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
			values.put(name, (equals < 0) ? "true" : arg.substring(equals + 1));
		}
		String mode = values.getOrDefault("mode", "short");
		RunPlan defaults = switch (mode) {
			case "short" -> new RunPlan(Duration.ofSeconds(2), Duration.ofSeconds(6));
			case "full" -> new RunPlan(Duration.ofSeconds(10), Duration.ofSeconds(30));
			default -> throw new IllegalArgumentException("--mode=" + mode + " is unknown; use --mode=short or --mode=full");
		};
		RunPlan plan = new RunPlan(duration(values, "warmup", defaults.warmup()),
				duration(values, "window", defaults.window()), rounds(values.getOrDefault("rounds", "1")));
		List<String> subjects = new ArrayList<>();
		String filter = values.get("subjects");
		if (filter != null && !filter.isBlank()) {
			Arrays.stream(filter.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).forEach(subjects::add);
		}
		String zookeeper = values.getOrDefault("zookeeper", "standalone");
		if (!List.of("standalone", "ensemble", "processes", "both").contains(zookeeper) && !zookeeper.contains(":")) {
			throw new IllegalArgumentException("--zookeeper=" + zookeeper + " is neither 'standalone', 'ensemble', "
					+ "'processes', 'both' nor a connect string such as 'zk1:2181,zk2:2181,zk3:2181'");
		}
		Path resultsDir = Path.of(values.getOrDefault("results", defaultResultsDir.toString()));
		Path dataDir = Path.of(values.getOrDefault("data-dir", System.getProperty("java.io.tmpdir")));
		boolean help = values.containsKey("help");
		boolean list = values.containsKey("list");
		for (String harnessOption : List.of("mode", "warmup", "window", "rounds", "subjects", "zookeeper", "results", "data-dir",
				"help", "list")) {
			values.remove(harnessOption);
		}
		return new BenchmarkOptions(mode, plan, List.copyOf(subjects), zookeeper, resultsDir, dataDir,
				new SubjectOptions(values, mode.equals("short")), help, list);
	}

	private static int rounds(String value) {
		try {
			int rounds = Integer.parseInt(value.trim());
			if (rounds >= 1) {
				return rounds;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("--rounds=" + value + " is not a positive whole number; write e.g. --rounds=3");
	}

	private static Duration duration(Map<String, String> values, String name, Duration defaultValue) {
		String value = values.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"--" + name + "=" + value + " is not a duration; write e.g. --" + name + "=10s or 500ms", ex);
		}
	}

}
