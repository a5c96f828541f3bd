package io.zkworkflow.config.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zkworkflow.internal.SanitizedText;
import org.jspecify.annotations.Nullable;

/**
 * Decides which keys hold secrets, so that their values are masked in logs and events (the
 * actuator masks every value unless its show-values setting says otherwise): a key is sensitive
 * when its last segment, lower-cased without '-' and '_', contains one of the configured words
 * or ends with "pass". A password inside a URL ({@code scheme://user:password@host}) is masked
 * in any value.
 */
public final class SensitiveKeys {

	/** What a masked value looks like. */
	public static final String MASK = SanitizedText.MASK;

	private static final Pattern URL_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:)([^@/\\s]+)(@)");

	private final List<String> words;

	public SensitiveKeys(List<String> words) {
		this.words = words.stream().map(SensitiveKeys::normalize).filter((word) -> !word.isEmpty()).toList();
	}

	public boolean isSensitive(String key) {
		int dot = Math.max(key.lastIndexOf('.'), key.lastIndexOf('/'));
		String last = normalize(key.substring(dot + 1));
		return last.endsWith("pass") || this.words.stream().anyMatch(last::contains);
	}

	public @Nullable String mask(String key, @Nullable String value) {
		if (value == null) {
			return null;
		}
		if (isSensitive(key)) {
			return MASK;
		}
		Matcher url = URL_PASSWORD.matcher(value);
		return url.find() ? url.replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3") : value;
	}

	private static String normalize(String text) {
		return text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replaceAll("\\[\\d+]$", "");
	}

}
