package io.zkworkflow.history.internal;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Creates the history tables at startup from {@code io/zkworkflow/history/schema-{platform}.sql}
 * when {@link SchemaInitialization} says so. The platform is the configured one, or detected
 * from the database's product name ({@code h2}, {@code postgresql}). The scripts use
 * {@code IF NOT EXISTS}, so every instance of a fleet may run them.
 */
public final class HistorySchemaInitializer implements InitializingBean {

	static final String SCRIPT_LOCATION = "io/zkworkflow/history/schema-%s.sql";

	private static final Log logger = LogFactory.getLog(HistorySchemaInitializer.class);

	private final DataSource dataSource;

	private final SchemaInitialization mode;

	private final @Nullable String platform;

	public HistorySchemaInitializer(DataSource dataSource, SchemaInitialization mode, @Nullable String platform) {
		this.dataSource = dataSource;
		this.mode = mode;
		this.platform = platform;
	}

	@Override
	public void afterPropertiesSet() throws Exception {
		if (this.mode == SchemaInitialization.NEVER) {
			return;
		}
		Database database = JdbcUtils.extractDatabaseMetaData(this.dataSource, Database::of);
		if (this.mode == SchemaInitialization.EMBEDDED && !database.embedded()) {
			return;
		}
		String platformName = (this.platform != null) ? this.platform : database.platform();
		ClassPathResource script = new ClassPathResource(String.format(SCRIPT_LOCATION, platformName));
		if (!script.exists()) {
			throw new IllegalStateException("No history schema for database platform '" + platformName
					+ "' (product '" + database.product() + "'): zk-workflow ships schema-h2.sql and "
					+ "schema-postgresql.sql in io/zkworkflow/history. Set zk-workflow.history.jdbc.platform to one "
					+ "of h2, postgresql, or create the tables yourself and set "
					+ "zk-workflow.history.jdbc.initialize-schema=never");
		}
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(script), this.dataSource);
		logger.debug("History tables ensured with " + script.getPath());
	}

	private record Database(String product, String platform, boolean embedded) {

		static Database of(DatabaseMetaData metaData) throws java.sql.SQLException {
			String product = String.valueOf(metaData.getDatabaseProductName());
			String url = String.valueOf(metaData.getURL());
			String platform = product.toLowerCase(Locale.ROOT).replace(" ", "");
			boolean embedded = url.startsWith("jdbc:h2:mem:");
			return new Database(product, platform, embedded);
		}

	}

}
