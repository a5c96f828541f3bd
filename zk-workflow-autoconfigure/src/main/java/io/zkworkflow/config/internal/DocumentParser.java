package io.zkworkflow.config.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Reads a document znode ({@code *.properties}, {@code *.yml}, {@code *.yaml}, {@code *.json})
 * into flat dotted keys, as Spring Boot reads such files.
 */
final class DocumentParser {

	private final JsonMapper jsonMapper;

	DocumentParser(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	static boolean isDocument(String znodeName) {
		return znodeName.endsWith(".properties") || znodeName.endsWith(".yml") || znodeName.endsWith(".yaml")
				|| znodeName.endsWith(".json");
	}

	/**
	 * Parse a document.
	 * @param znodeName the document znode's name, whose suffix gives the format
	 * @param data the document
	 * @return the flattened keys and values
	 * @throws IllegalArgumentException naming what is malformed
	 */
	Map<String, String> parse(String znodeName, byte[] data) {
		String text = new String(data, StandardCharsets.UTF_8);
		try {
			if (znodeName.endsWith(".properties")) {
				return properties(text);
			}
			if (znodeName.endsWith(".json")) {
				Map<String, String> out = new LinkedHashMap<>();
				if (!text.isBlank()) {
					flatten("", this.jsonMapper.readTree(text), out);
				}
				return out;
			}
			return yaml(znodeName, data);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("malformed document " + znodeName + ": " + ex.getMessage(), ex);
		}
	}

	private static Map<String, String> properties(String text) throws IOException {
		Properties properties = new Properties();
		properties.load(new StringReader(text));
		Map<String, String> out = new LinkedHashMap<>();
		properties.stringPropertyNames().stream().sorted().forEach((name) -> out.put(name, properties.getProperty(name)));
		return out;
	}

	private static Map<String, String> yaml(String name, byte[] data) throws IOException {
		List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(name, new ByteArrayResource(data));
		Map<String, String> out = new LinkedHashMap<>();
		for (PropertySource<?> document : documents) {
			if (document instanceof EnumerablePropertySource<?> enumerable) {
				for (String key : enumerable.getPropertyNames()) {
					Object value = enumerable.getProperty(key);
					out.put(key, (value != null) ? value.toString() : "");
				}
			}
		}
		return out;
	}

	private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				flatten(prefix + "[" + i + "]", node.get(i), out);
			}
		}
		else if (!prefix.isEmpty()) {
			out.put(prefix, node.isNull() ? "" : node.asString());
		}
	}

}
