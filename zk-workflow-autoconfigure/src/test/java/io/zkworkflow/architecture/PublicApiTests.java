package io.zkworkflow.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API that docs/architecture.md states is the public API the code has: every public
 * top-level type of a capability package (outside {@code internal} and auto-configuration) is
 * listed in the document's table for its package, and nothing listed there is missing. Adding a
 * public type is a decision to write down, not an accident of a modifier.
 */
class PublicApiTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "architecture.md");

	private static final Pattern ROW = Pattern.compile("^\\| `(io\\.zkworkflow\\.[a-z.]+)` \\| (.*) \\|$",
			Pattern.MULTILINE);

	private static final Pattern TYPE_NAME = Pattern.compile("`([A-Z][A-Za-z0-9]*)`");

	@Test
	void theDocumentListsExactlyThePublicTypesOfEachCapabilityPackage() throws IOException {
		assertThat(publicTypesInCode()).isEqualTo(publicTypesInDocument());
	}

	private static Map<String, Set<String>> publicTypesInCode() {
		Map<String, Set<String>> types = new TreeMap<>();
		for (JavaClass type : new ClassFileImporter().importPath(Path.of("target", "classes"))) {
			String packageName = type.getPackageName();
			if (type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC)
					&& !packageName.contains(".internal") && !packageName.startsWith("io.zkworkflow.autoconfigure")
					&& !type.getSimpleName().equals("package-info")) {
				types.computeIfAbsent(packageName, (name) -> new TreeSet<>()).add(type.getSimpleName());
			}
		}
		return types;
	}

	private static Map<String, Set<String>> publicTypesInDocument() throws IOException {
		Map<String, Set<String>> types = new TreeMap<>();
		Matcher row = ROW.matcher(Files.readString(DOCUMENT));
		while (row.find()) {
			Set<String> names = new TreeSet<>();
			Matcher name = TYPE_NAME.matcher(row.group(2));
			while (name.find()) {
				names.add(name.group(1));
			}
			if (!names.isEmpty()) {
				types.put(row.group(1), names);
			}
		}
		assertThat(types).as("rows of the public API table in %s", DOCUMENT).isNotEmpty();
		return types;
	}

}
