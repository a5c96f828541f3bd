/**
 * History of finished tasks and workflows kept outside ZooKeeper. ZooKeeper forgets an outcome
 * after its retention; when {@code zk-workflow.history.jdbc.enabled=true} and the application
 * has one {@code DataSource}, each finished task and workflow is also written, once per id, to
 * a relational table, and {@link io.zkworkflow.history.TaskHistory} and
 * {@link io.zkworkflow.history.WorkflowHistory} search it. Writing is best effort: a database
 * outage never holds back ZooKeeper commits, and what it costs is counted.
 */
@NullMarked
package io.zkworkflow.history;

import org.jspecify.annotations.NullMarked;
