package io.zkworkflow.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A schema of its own in a PostgreSQL database for one test class, so that a database used by
 * hand (or again) starts empty: created on {@link #create}, dropped with everything in it on
 * {@link #drop}. The instances reach it through the {@code currentSchema} URL parameter.
 */
final class PostgresqlSchema {

	private final String url;

	private final @Nullable String username;

	private final @Nullable String password;

	private final String name;

	private PostgresqlSchema(String url, @Nullable String username, @Nullable String password, String name) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.name = name;
	}

	static PostgresqlSchema create(String url, @Nullable String username, @Nullable String password) {
		String name = "zkw_history_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		PostgresqlSchema schema = new PostgresqlSchema(url, username, password, name);
		schema.execute("CREATE SCHEMA " + name);
		return schema;
	}

	/**
	 * Return the properties that point {@link HistoryApps} at this schema, creating the tables
	 * there at startup.
	 * @return {@code name=value} pairs
	 */
	List<String> properties() {
		List<String> properties = new ArrayList<>();
		properties.add("history-test.url=" + this.url + (this.url.contains("?") ? "&" : "?") + "currentSchema="
				+ this.name);
		if (this.username != null) {
			properties.add("history-test.username=" + this.username);
		}
		if (this.password != null) {
			properties.add("history-test.password=" + this.password);
		}
		properties.add("zk-workflow.history.jdbc.initialize-schema=always");
		return properties;
	}

	void drop() {
		execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
	}

	private void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + this.url + ": " + ex.getMessage(), ex);
		}
	}

}
