package io.zkworkflow.history;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The history sink's checks ({@link HistorySinkContract}) against a PostgreSQL server named
 * by hand, in a schema of its own that is dropped afterwards. Skipped unless the system
 * property {@code zkworkflow.history.postgresql.url} (or the environment variable
 * {@code ZKWORKFLOW_HISTORY_POSTGRESQL_URL}) gives a JDBC URL; {@code .username} and
 * {@code .password} ({@code _USERNAME}, {@code _PASSWORD}) are optional:
 * <pre class="code">
 * mvn -pl zk-workflow-autoconfigure -am test -Dtest=PostgresqlHistorySinkTests -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dzkworkflow.history.postgresql.url=jdbc:postgresql://localhost:5432/postgres -Dzkworkflow.history.postgresql.username=me
 * </pre>
 */
@EnabledIf("io.zkworkflow.history.PostgresqlHistorySinkTests#configured")
class PostgresqlHistorySinkTests extends HistorySinkContract {

	private static final String PREFIX = "zkworkflow.history.postgresql.";

	private @Nullable PostgresqlSchema schema;

	static boolean configured() {
		return setting("url") != null;
	}

	@Override
	List<String> databaseProperties() {
		String url = setting("url");
		if (url == null) {
			throw new IllegalStateException("Set -D" + PREFIX + "url to a PostgreSQL JDBC URL");
		}
		this.schema = PostgresqlSchema.create(url, setting("username"), setting("password"));
		return this.schema.properties();
	}

	@Override
	void afterInstancesStopped() {
		if (this.schema != null) {
			this.schema.drop();
		}
	}

	private static @Nullable String setting(String name) {
		String value = System.getProperty(PREFIX + name);
		if (value == null || value.isBlank()) {
			value = System.getenv((PREFIX + name).toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
		}
		return (value == null || value.isBlank()) ? null : value;
	}

}
