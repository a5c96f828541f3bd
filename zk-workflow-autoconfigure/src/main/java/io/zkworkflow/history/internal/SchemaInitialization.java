package io.zkworkflow.history.internal;

/**
 * When the history sink creates its tables at startup, as Spring Boot's
 * {@code spring.batch.jdbc.initialize-schema} does for Spring Batch's.
 */
public enum SchemaInitialization {

	/** Only in an embedded, in-memory database (H2 {@code jdbc:h2:mem:}). */
	EMBEDDED,

	/** In any database; the scripts create only what is missing. */
	ALWAYS,

	/** Never: the tables are created by the operator's own migrations. */
	NEVER

}
