package io.zkworkflow.history.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.zkworkflow.history.HistoryQuery;
import io.zkworkflow.internal.InputText;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Turns a {@link HistoryQuery} into the WHERE, ORDER BY and page clauses of one table, with
 * bound parameters only. Paging uses the standard {@code OFFSET ... FETCH NEXT} form that
 * PostgreSQL and H2 both accept; the id breaks ties so pages do not overlap.
 */
final class HistorySearch {

	private HistorySearch() {
	}

	static JdbcClient.StatementSpec statement(JdbcClient jdbc, String select, String nameColumn, String idColumn,
			HistoryQuery query, Set<String> finishedStates, String kind) {
		StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
		Map<String, Object> params = new LinkedHashMap<>();
		if (query.name() != null) {
			sql.append(" AND ").append(nameColumn).append(" = :name");
			params.put("name", query.name());
		}
		if (query.state() != null) {
			if (!finishedStates.contains(query.state())) {
				throw new IllegalArgumentException("History query state " + InputText.quote(query.state())
						+ " is not one a finished " + kind + " has; use one of " + finishedStates);
			}
			sql.append(" AND STATE = :state");
			params.put("state", query.state());
		}
		if (query.from() != null) {
			sql.append(" AND FINISHED_AT >= :from");
			params.put("from", HistoryWriter.timestamp(query.from()));
		}
		if (query.to() != null) {
			sql.append(" AND FINISHED_AT < :to");
			params.put("to", HistoryWriter.timestamp(query.to()));
		}
		sql.append(" ORDER BY FINISHED_AT DESC, ").append(idColumn).append(" DESC");
		sql.append(" OFFSET ").append(query.offset()).append(" ROWS FETCH NEXT ").append(query.limit()).append(" ROWS ONLY");
		return jdbc.sql(sql.toString()).params(params);
	}

}
