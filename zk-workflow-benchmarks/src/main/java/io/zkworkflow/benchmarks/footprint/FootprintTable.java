package io.zkworkflow.benchmarks.footprint;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.zkworkflow.benchmarks.Figures;

/**
 * Renders the footprint table: absolute figures, then each as a ratio to plain Spring Boot
 * measured in the same run, then the figures of every run and what each variant's check saw.
 */
final class FootprintTable {

	private static final double MIB = 1024.0 * 1024.0;

	private FootprintTable() {
	}

	static String render(List<VariantResult> results, int warmupRounds) {
		VariantResult plain = results.get(0);
		StringBuilder markdown = new StringBuilder();
		markdown.append("| Application | Runtime jars | Jars MiB | Startup s | Heap used MiB")
			.append(" | Jars vs plain | MiB vs plain | Startup vs plain | Heap vs plain | CPU s to ready | CPU vs plain |\n")
			.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (VariantResult result : results) {
			markdown.append("| ")
				.append(result.variant().label())
				.append(" | ")
				.append(result.classpath().jars().size())
				.append(" | ")
				.append(format("%.1f", result.classpath().bytes() / MIB))
				.append(" | ")
				.append(format("%.2f", result.medianStartupMillis() / 1000.0))
				.append(" | ")
				.append(format("%.1f", result.medianHeapUsedBytes() / MIB))
				.append(" | ")
				.append(Figures.ratio(result.classpath().jars().size(), (double) plain.classpath().jars().size()))
				.append(" | ")
				.append(Figures.ratio(result.classpath().bytes(), (double) plain.classpath().bytes()))
				.append(" | ")
				.append(Figures.ratio(result.medianStartupMillis(), (double) plain.medianStartupMillis()))
				.append(" | ")
				.append(Figures.ratio(result.medianHeapUsedBytes(), (double) plain.medianHeapUsedBytes()))
				.append(" | ")
				.append(format("%.2f", result.medianCpuMillis() / 1000.0))
				.append(" | ")
				.append(Figures.ratio(result.medianCpuMillis(), (double) plain.medianCpuMillis()))
				.append(" |\n");
		}
		markdown.append('\n')
			.append("Each figure is the median of ")
			.append(plain.runs().size())
			.append(" fresh JVMs per application, started in turn (one application after the other, round by round, after ")
			.append(warmupRounds)
			.append(" unmeasured round(s)). Startup: from JVM start to `ApplicationReadyEvent`. Heap: used after a ")
			.append("`System.gc()` at that moment. CPU: the process's CPU time (all threads: JIT, GC, ZooKeeper) up to that moment, ")
			.append("which other work on a shared machine moves less than wall-clock startup. Jars: the runtime ")
			.append("classpath Maven resolves, the application's own jar excluded.\n\n");
		for (VariantResult result : results) {
			markdown.append("- ")
				.append(result.variant().label())
				.append(": startup s per run ")
				.append(perRun(result, (run) -> format("%.2f", run.startupMillis() / 1000.0)))
				.append("; CPU s per run ")
				.append(perRun(result, (run) -> format("%.2f", run.cpuMillis() / 1000.0)))
				.append("; heap MiB per run ")
				.append(perRun(result, (run) -> format("%.1f", run.heapUsedBytes() / MIB)))
				.append("; Spring Boot's own time to ready ")
				.append(format("%.2f", result.medianBootMillis() / 1000.0))
				.append(" s; ")
				.append(result.runs().get(0).beans())
				.append(" beans; check: `")
				.append(result.runs().get(result.runs().size() - 1).check())
				.append("`\n");
		}
		markdown.append("- Child JVMs: ").append(plain.runs().get(0).jvm()).append(", no JVM options\n");
		return markdown.toString();
	}

	private static String perRun(VariantResult result, java.util.function.Function<ChildRun, String> figure) {
		return result.runs().stream().map(figure).collect(Collectors.joining(" / "));
	}

	private static String format(String pattern, double value) {
		return String.format(Locale.ROOT, pattern, value);
	}

}
