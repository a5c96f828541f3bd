package io.zkworkflow.autoconfigure.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the 'zkworkflow' actuator endpoint.
 */
@ConfigurationProperties("zk-workflow.actuator")
public class ZkWorkflowActuatorProperties {

	/**
	 * Role a user needs for write operations when Spring Security is on the classpath.
	 * Anonymous callers are always refused then.
	 */
	private String writeRole = "ZK_WORKFLOW_ADMIN";

	public String getWriteRole() {
		return this.writeRole;
	}

	public void setWriteRole(String writeRole) {
		this.writeRole = writeRole;
	}

}
