package io.zkworkflow.internal;

/**
 * The one mask every capability shows instead of a value it must not reveal, the same as
 * Spring Boot's sanitizer uses.
 */
public final class SanitizedText {

	/** What a masked value looks like. */
	public static final String MASK = "******";

	private SanitizedText() {
	}

}
