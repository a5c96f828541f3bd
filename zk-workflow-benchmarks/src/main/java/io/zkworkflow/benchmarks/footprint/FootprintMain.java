package io.zkworkflow.benchmarks.footprint;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.benchmarks.MachineDescription;
import org.apache.curator.test.TestingServer;

/**
 * Command-line entry point of the footprint benchmark: starts one in-process ZooKeeper for the
 * variants that need an external one, starts every variant in fresh JVMs, round by round, checks
 * what each one promises, then prints the table and writes it to
 * {@code zk-workflow-benchmarks/results/footprint.md}. Run it from the repository root after the
 * benchmarks build, which writes each variant's classpath.
 */
public final class FootprintMain {

	static final String USAGE = """
			Usage: java -cp zk-workflow-benchmarks/target/zk-workflow-benchmarks.jar \\
			         -Dloader.main=io.zkworkflow.benchmarks.footprint.FootprintMain \\
			         org.springframework.boot.loader.launch.PropertiesLauncher [options]
			  --runs=5            measured JVM starts per application
			  --warmup-rounds=1   unmeasured rounds first (file cache, CPU frequency)
			  --root=.            the repository root
			""";

	private FootprintMain() {
	}

	public static void main(String[] args) throws Exception {
		System.exit(run(args, System.out));
	}

	static int run(String[] args, PrintStream out) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(Map.of("runs", "5", "warmup-rounds", "1", "root", "."));
		for (String arg : args) {
			int equals = arg.indexOf('=');
			String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : "";
			if (!options.containsKey(name)) {
				out.print(arg.equals("--help") ? "" : "Unknown option " + arg + "\n");
				out.print(USAGE);
				return arg.equals("--help") ? 0 : 1;
			}
			options.put(name, arg.substring(equals + 1));
		}
		int runs = Integer.parseInt(options.get("runs"));
		int warmupRounds = Integer.parseInt(options.get("warmup-rounds"));
		Path module = Path.of(options.get("root")).toAbsolutePath().normalize().resolve("zk-workflow-benchmarks");
		Path logs = module.resolve("target").resolve("footprint");
		String loadAtStart = MachineDescription.loadAverage();
		List<FootprintVariant> variants = FootprintVariant.all();
		List<VariantClasspath> classpaths = new ArrayList<>();
		for (FootprintVariant variant : variants) {
			classpaths.add(VariantClasspath.read(module.resolve("footprint"), variant));
		}
		List<List<ChildRun>> measured = new ArrayList<>();
		variants.forEach((variant) -> measured.add(new ArrayList<>()));
		try (TestingServer zookeeper = new TestingServer()) {
			for (int round = 0; round < warmupRounds + runs; round++) {
				boolean warmup = round < warmupRounds;
				for (int i = 0; i < variants.size(); i++) {
					FootprintVariant variant = variants.get(i);
					Path log = logs.resolve(variant.module() + "-" + (warmup ? "warmup-" + round : "run-" + (round - warmupRounds)) + ".log");
					ChildRun run = ChildRun.launch(variant, classpaths.get(i), zookeeper.getConnectString(), log);
					out.printf("%s %-10s startup %5d ms, heap %6.1f MiB%n", warmup ? "warm-up" : "run " + (round - warmupRounds + 1),
							variant.module(), run.startupMillis(), run.heapUsedBytes() / (1024.0 * 1024.0));
					if (!warmup) {
						measured.get(i).add(run);
					}
				}
			}
		}
		List<VariantResult> results = new ArrayList<>();
		for (int i = 0; i < variants.size(); i++) {
			results.add(new VariantResult(variants.get(i), classpaths.get(i), measured.get(i)));
		}
		String report = "## Footprint of a minimal application\n\n"
				+ MachineDescription.collect(Path.of(System.getProperty("java.io.tmpdir")), loadAtStart).toMarkdown() + "\n"
				+ FootprintTable.render(results, warmupRounds);
		out.println();
		out.print(report);
		Path resultsDir = module.resolve("results");
		Files.createDirectories(resultsDir);
		Files.writeString(resultsDir.resolve("footprint.md"), report);
		return 0;
	}

}
