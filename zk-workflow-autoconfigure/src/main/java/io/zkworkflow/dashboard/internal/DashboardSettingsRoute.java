package io.zkworkflow.dashboard.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.zkworkflow.internal.AdminOperationsPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Tells the page where the actuator endpoint is, how often to refresh, and whether the current
 * user may run write operations (so read-only users see no buttons; the endpoint enforces the
 * same rule).
 */
public final class DashboardSettingsRoute {

	private DashboardSettingsRoute() {
	}

	/**
	 * Build the route for {@code {path}/settings.json}.
	 * @param path the dashboard's path, such as {@code /zk-workflow}
	 * @param refresh how often the page refreshes
	 * @param endpointPath the {@code zkworkflow} endpoint's path, such as
	 * {@code /actuator/zkworkflow}
	 * @param policy the write-operations policy, or {@code null} without the actuator
	 * @return the route
	 */
	public static RouterFunction<ServerResponse> route(String path, Duration refresh, String endpointPath,
			@Nullable AdminOperationsPolicy policy) {
		return RouterFunctions.route()
			.GET(path + "/settings.json", (request) -> ServerResponse
				.ok()
				.body(settings(request, refresh, endpointPath, policy)))
			.build();
	}

	private static Map<String, Object> settings(ServerRequest request, Duration refresh,
			String endpointPath, @Nullable AdminOperationsPolicy policy) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("endpoint", request.servletRequest().getContextPath() + endpointPath);
		settings.put("refreshMillis", refresh.toMillis());
		boolean canWrite = policy != null
				&& policy.refusal(new ServletSecurityContext(request.servletRequest())) == null;
		settings.put("canWrite", canWrite);
		return settings;
	}

	private record ServletSecurityContext(HttpServletRequest request)
			implements org.springframework.boot.actuate.endpoint.SecurityContext {

		@Override
		public java.security.@Nullable Principal getPrincipal() {
			return this.request.getUserPrincipal();
		}

		@Override
		public boolean isUserInRole(String role) {
			return this.request.isUserInRole(role);
		}

	}

}
