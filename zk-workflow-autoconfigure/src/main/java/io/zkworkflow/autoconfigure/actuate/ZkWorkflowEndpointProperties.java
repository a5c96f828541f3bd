package io.zkworkflow.autoconfigure.actuate;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the 'zkworkflow' endpoint shows of configuration values, named and behaving as Spring
 * Boot's own 'env' endpoint settings.
 */
@ConfigurationProperties("management.endpoint.zkworkflow")
public class ZkWorkflowEndpointProperties {

	/**
	 * When to show configuration values; values are otherwise masked. When shown, the
	 * application's SanitizingFunction beans still apply.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles used to determine whether a user is authorized to see values. When empty, all
	 * authenticated users are authorized.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
