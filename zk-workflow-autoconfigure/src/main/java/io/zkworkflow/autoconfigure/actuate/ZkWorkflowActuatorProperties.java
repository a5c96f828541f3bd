package io.zkworkflow.autoconfigure.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the 'zkworkflow' actuator endpoint.
 */
@ConfigurationProperties("zk-workflow.actuator")
public class ZkWorkflowActuatorProperties {

	/**
	 * Whether the endpoint's write operations (retry or purge a dead letter, cancel a task or
	 * workflow, publish a config key) may run. When false they answer 403.
	 */
	private boolean writeOperations = false;

	/**
	 * Role a user needs for write operations when Spring Security is on the classpath.
	 * Anonymous callers are always refused then.
	 */
	private String writeRole = "ZK_WORKFLOW_ADMIN";

	public boolean isWriteOperations() {
		return this.writeOperations;
	}

	public void setWriteOperations(boolean writeOperations) {
		this.writeOperations = writeOperations;
	}

	public String getWriteRole() {
		return this.writeRole;
	}

	public void setWriteRole(String writeRole) {
		this.writeRole = writeRole;
	}

}
