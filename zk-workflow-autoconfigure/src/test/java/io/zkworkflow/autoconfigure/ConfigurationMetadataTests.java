package io.zkworkflow.autoconfigure;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.zkworkflow.autoconfigure.config.ConfigProperties;
import io.zkworkflow.autoconfigure.lock.LockProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata an IDE shows for zk-workflow's properties, as generated at build time from the
 * properties classes and the additional metadata: every property has a plain description and
 * its default, and every enum its values.
 */
class ConfigurationMetadataTests {

	/** Properties whose default is computed or absent; each says why in its description. */
	private static final Set<String> WITHOUT_DEFAULT = Set.of("zk-workflow.config.name",
			"zk-workflow.config.snapshot-file", "zk-workflow.ephemeral-budget.max-bytes",
			"zk-workflow.ephemeral-budget.max-count", "zk-workflow.history.jdbc.platform",
			"zk-workflow.lock.max-hold-time", "zk-workflow.security.digest", "zk-workflow.ssl.bundle",
			"zk-workflow.tasks.limits", "zk-workflow.tasks.shutdown-timeout");

	private static List<JsonNode> properties = List.of();

	private static List<JsonNode> hints = List.of();

	@BeforeAll
	static void readMetadata() throws Exception {
		// the metadata of this module, not of another jar on the class path
		URL classes = ZkWorkflowProperties.class.getProtectionDomain().getCodeSource().getLocation();
		try (InputStream in = classes.toURI().resolve("META-INF/spring-configuration-metadata.json").toURL().openStream()) {
			JsonNode metadata = JsonMapper.builder().build().readTree(in);
			properties = StreamSupport.stream(metadata.get("properties").spliterator(), false)
				.filter((property) -> property.get("name").asString().startsWith("zk-workflow."))
				.filter((property) -> !property.path("deprecation").path("level").asString("").equals("error"))
				.toList();
			hints = StreamSupport.stream(metadata.path("hints").spliterator(), false).toList();
		}
		assertThat(properties).hasSizeGreaterThan(40);
	}

	@Test
	void everyPropertyHasAPlainDescription() {
		List<String> problems = new ArrayList<>();
		for (JsonNode property : properties) {
			String description = property.path("description").asString("");
			if (description.isBlank() || description.contains("{@") || description.contains("<")) {
				problems.add(property.get("name").asString() + ": '" + description + "'");
			}
		}
		assertThat(problems).as("properties without a plain description").isEmpty();
	}

	@Test
	void everyPropertyWithADefaultShowsIt() {
		List<String> missing = properties.stream()
			.filter((property) -> !property.has("defaultValue"))
			.map((property) -> property.get("name").asString())
			.filter((name) -> !WITHOUT_DEFAULT.contains(name))
			.toList();
		assertThat(missing).as("properties whose default is not in the metadata").isEmpty();
	}

	@Test
	void declaredDefaultsMatchTheProperties() {
		Map<String, JsonNode> byName = properties.stream()
			.collect(Collectors.toMap((property) -> property.get("name").asString(), (property) -> property));
		assertThat(byName.get("zk-workflow.root-path").get("defaultValue").asString())
			.isEqualTo(new ZkWorkflowProperties().getRootPath());
		assertThat(byName.get("zk-workflow.lock.advisor-order").get("defaultValue").asInt())
			.isEqualTo(LockProperties.DEFAULT_ADVISOR_ORDER);
		assertThat(strings(byName.get("zk-workflow.config.sensitive-keys").get("defaultValue")))
			.isEqualTo(new ConfigProperties().getSensitiveKeys());
		assertThat(strings(byName.get("zk-workflow.security.root-readers").get("defaultValue")))
			.isEqualTo(new ZkWorkflowProperties().getSecurity().getRootReaders());
		assertThat(strings(byName.get("zk-workflow.security.read-only-digests").get("defaultValue")))
			.isEqualTo(new ZkWorkflowProperties().getSecurity().getReadOnlyDigests());
	}

	@Test
	void everyEnumPropertyHintsEachOfItsValues() throws Exception {
		for (JsonNode property : properties) {
			String type = property.path("type").asString("");
			if (!type.startsWith("io.zkworkflow.")) {
				continue;
			}
			Class<?> declared = ClassUtils.forName(type, getClass().getClassLoader());
			if (!declared.isEnum()) {
				continue;
			}
			String name = property.get("name").asString();
			List<String> hinted = hints.stream()
				.filter((hint) -> hint.get("name").asString().equals(name))
				.flatMap((hint) -> StreamSupport.stream(hint.get("values").spliterator(), false))
				.map((value) -> value.get("value").asString())
				.toList();
			List<String> constants = java.util.Arrays.stream(declared.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase().replace('_', '-'))
				.toList();
			assertThat(hinted).as("value hints of " + name).containsExactlyInAnyOrderElementsOf(constants);
		}
	}

	private static List<String> strings(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
	}

}
