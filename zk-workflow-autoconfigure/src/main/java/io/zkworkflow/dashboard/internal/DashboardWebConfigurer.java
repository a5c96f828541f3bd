package io.zkworkflow.dashboard.internal;

import io.zkworkflow.autoconfigure.dashboard.DashboardProperties;

import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the dashboard's static files from the jar at the configured path.
 */
public class DashboardWebConfigurer implements WebMvcConfigurer {

	static final String LOCATION = "classpath:/io/zkworkflow/dashboard/static/";

	private final String path;

	public DashboardWebConfigurer(String path) {
		this.path = path;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(this.path + "/**").addResourceLocations(LOCATION);
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController(this.path, this.path + "/");
		registry.addViewController(this.path + "/").setViewName("forward:" + this.path + "/index.html");
	}

}
