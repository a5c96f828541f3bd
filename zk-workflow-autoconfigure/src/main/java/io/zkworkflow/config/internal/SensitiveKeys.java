package io.zkworkflow.config.internal;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Decides which keys hold secrets, so that their values are masked in logs, events and the
 * actuator: a key is sensitive when its last segment, lower-cased without '-' and '_', ends
 * with one of the configured words.
 */
public final class SensitiveKeys {

	/** What a masked value looks like. */
	public static final String MASK = "******";

	private final List<String> words;

	public SensitiveKeys(List<String> words) {
		this.words = words.stream().map(SensitiveKeys::normalize).filter((word) -> !word.isEmpty()).toList();
	}

	public boolean isSensitive(String key) {
		int dot = Math.max(key.lastIndexOf('.'), key.lastIndexOf('/'));
		String last = normalize(key.substring(dot + 1));
		return this.words.stream().anyMatch(last::endsWith);
	}

	public @Nullable String mask(String key, @Nullable String value) {
		return (value == null || !isSensitive(key)) ? value : MASK;
	}

	private static String normalize(String text) {
		return text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replaceAll("\\[\\d+]$", "");
	}

}
