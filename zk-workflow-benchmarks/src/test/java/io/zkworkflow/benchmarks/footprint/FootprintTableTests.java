package io.zkworkflow.benchmarks.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FootprintTableTests {

	private static final long MIB = 1024 * 1024;

	@TempDir
	Path variants;

	private static ChildRun run(long startupMillis, long cpuMillis, long heapMiB) {
		return new ChildRun(startupMillis, startupMillis - 300, cpuMillis, heapMiB * MIB, 50, "G1, max heap 100 MiB",
				"zookeeper=absent");
	}

	@Test
	void figuresAreMediansOfTheRunsAndRatiosDivideByPlainBoot() throws IOException {
		FootprintVariant plain = FootprintVariant.all().get(0);
		FootprintVariant starter = FootprintVariant.all().get(2);
		VariantResult plainResult = new VariantResult(plain, classpath(plain, 2, MIB),
				List.of(run(1000, 2000, 10), run(3000, 2200, 10), run(2000, 2100, 10)));
		VariantResult starterResult = new VariantResult(starter, classpath(starter, 4, 2 * MIB),
				List.of(run(4000, 4200, 15), run(9000, 4400, 16), run(5000, 4000, 15)));
		assertThat(plainResult.medianStartupMillis()).isEqualTo(2000);
		String table = FootprintTable.render(List.of(plainResult, starterResult), 1);
		assertThat(table).contains("| Plain Boot (`spring-boot-starter`) | 2 | 2.0 | 2.00 | 10.0 | 1.00x | 1.00x | 1.00x | 1.00x | 2.10 | 1.00x |")
			.contains("| `zk-workflow-starter` | 4 | 8.0 | 5.00 | 15.0 | 2.00x | 4.00x | 2.50x | 1.50x | 4.20 | 2.00x |")
			.contains("startup s per run 4.00 / 9.00 / 5.00");
	}

	@Test
	void theApplicationJarIsNotCountedAndForbiddenJarsFailTheRead() throws IOException {
		FootprintVariant plain = FootprintVariant.all().get(0);
		assertThat(classpath(plain, 3, 10).jars()).hasSize(3);
		Path zkWorkflow = Files.write(this.variants.resolve("zk-workflow-autoconfigure-1.jar"), new byte[1]);
		write(plain, List.of(application(), zkWorkflow));
		assertThatIllegalStateException().isThrownBy(() -> VariantClasspath.read(this.variants, plain))
			.withMessageContaining("plain must not see zk-workflow-*");
	}

	private VariantClasspath classpath(FootprintVariant variant, int jars, long bytesEach) throws IOException {
		List<Path> entries = new java.util.ArrayList<>(List.of(application()));
		for (int i = 0; i < jars; i++) {
			entries.add(Files.write(this.variants.resolve("lib-" + variant.module() + i + ".jar"), new byte[(int) bytesEach]));
		}
		write(variant, entries);
		return VariantClasspath.read(this.variants, variant);
	}

	private Path application() throws IOException {
		return Files.write(this.variants.resolve(VariantClasspath.APPLICATION_ARTIFACT + "-0.1.0-SNAPSHOT.jar"), new byte[1]);
	}

	private void write(FootprintVariant variant, List<Path> entries) throws IOException {
		Path target = Files.createDirectories(this.variants.resolve(variant.module()).resolve("target"));
		Files.writeString(target.resolve("classpath.txt"),
				String.join(java.io.File.pathSeparator, entries.stream().map(Path::toString).toList()));
	}

}
