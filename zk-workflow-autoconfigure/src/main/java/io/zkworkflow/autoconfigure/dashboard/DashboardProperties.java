package io.zkworkflow.autoconfigure.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the operations dashboard.
 */
@ConfigurationProperties("zk-workflow.dashboard")
public class DashboardProperties {

	/**
	 * Whether to serve the dashboard (needs Spring MVC and the exposed 'zkworkflow'
	 * actuator endpoint). Protect it with Spring Security like any other page.
	 */
	private boolean enabled = false;

	/**
	 * Path the dashboard is served at.
	 */
	private String path = "/zk-workflow";

	/**
	 * How often the page refreshes its data.
	 */
	private Duration refresh = Duration.ofSeconds(2);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		if (!path.startsWith("/") || path.endsWith("/") || path.length() < 2) {
			throw new org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException(
					"zk-workflow.dashboard.path", path, "Must start with '/' and not end with '/', like '/zk-workflow'.");
		}
		this.path = path;
	}

	public Duration getRefresh() {
		return this.refresh;
	}

	public void setRefresh(Duration refresh) {
		if (refresh.isNegative() || refresh.isZero()) {
			throw new org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException(
					"zk-workflow.dashboard.refresh", refresh, "Must be positive, like '2s'.");
		}
		this.refresh = refresh;
	}

}
