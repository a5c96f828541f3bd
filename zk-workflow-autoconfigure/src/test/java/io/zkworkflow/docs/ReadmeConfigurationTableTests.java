package io.zkworkflow.docs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's configuration table true: every {@code zk-workflow.*} property in the
 * generated configuration metadata has a row with its default, and every row names a real
 * property. The metadata is read from every module on the test classpath, so the embedded
 * server's properties (zk-workflow-embedded) are checked with this module's.
 */
class ReadmeConfigurationTableTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Path README = Path.of("../README.md");

	private static final Pattern ROW = Pattern.compile("^\\|\\s*`(zk-workflow\\.[^`]+)`\\s*\\|\\s*([^|]*)\\|", Pattern.MULTILINE);

	@Test
	void everyPropertyHasARowWithItsDefault() throws IOException {
		Map<String, String> rows = readmeRows();
		for (Map.Entry<String, JsonNode> property : metadataProperties().entrySet()) {
			String name = property.getKey();
			assertThat(rows).as("README configuration table row for %s", name).containsKey(name);
			JsonNode defaultValue = property.getValue().get("defaultValue");
			if (defaultValue != null && !defaultValue.isNull() && !defaultValue.isArray()) {
				String expected = defaultValue.asString();
				assertThat(rows.get(name)).as("README default of %s", name).contains("`" + expected + "`");
			}
		}
	}

	@Test
	void everyRowNamesARealProperty() throws IOException {
		Map<String, JsonNode> properties = metadataProperties();
		for (String name : readmeRows().keySet()) {
			assertThat(properties).as("property documented in the README but unknown to the metadata: %s", name)
				.containsKey(name);
		}
	}

	private static Map<String, String> readmeRows() throws IOException {
		Map<String, String> rows = new LinkedHashMap<>();
		Matcher matcher = ROW.matcher(Files.readString(README));
		while (matcher.find()) {
			rows.put(matcher.group(1), matcher.group(2).trim());
		}
		return rows;
	}

	private static Map<String, JsonNode> metadataProperties() throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, JsonNode> result = new LinkedHashMap<>();
		for (URL metadata : Collections.list(ReadmeConfigurationTableTests.class.getClassLoader().getResources(METADATA))) {
			JsonNode root;
			try (InputStream in = metadata.openStream()) {
				root = mapper.readTree(in);
			}
			for (JsonNode property : (Iterable<JsonNode>) root.get("properties")::iterator) {
				String name = property.get("name").asString();
				JsonNode deprecation = property.get("deprecation");
				boolean removed = deprecation != null && "error".equals(deprecation.path("level").asString());
				// a removed property is named beside its replacement's row, not given one of its own
				if (name.startsWith("zk-workflow.") && !removed) {
					result.put(name, property);
				}
			}
		}
		assertThat(result).containsKey("zk-workflow.root-path").containsKey("zk-workflow.embedded.enabled");
		return result;
	}

	@Test
	void tableRowsAreUnique() throws IOException {
		List<String> names = ROW.matcher(Files.readString(README)).results().map((m) -> m.group(1)).toList();
		assertThat(names).doesNotHaveDuplicates();
	}

}
