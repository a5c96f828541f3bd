package io.zkworkflow.history;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The history sink's checks ({@link HistorySinkContract}) against PostgreSQL in Docker. Needs
 * a Docker engine: runs in the {@code docker} Maven profile only.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class PostgresqlContainerHistorySinkTests extends HistorySinkContract {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	private @Nullable PostgresqlSchema schema;

	@Override
	List<String> databaseProperties() {
		this.schema = PostgresqlSchema.create(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
		return this.schema.properties();
	}

	@Override
	void afterInstancesStopped() {
		if (this.schema != null) {
			this.schema.drop();
		}
	}

}
