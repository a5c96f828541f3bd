package io.zkworkflow.sample.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everyone may look (health, the dashboard, the actuator's read operations) and place orders;
 * changing settings and the actuator's write operations need the {@code ZK_WORKFLOW_ADMIN} role.
 * Demo users: {@code viewer/viewer} and {@code admin/admin}; a real application plugs in its own
 * users.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SampleSecurity {

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(HttpMethod.POST, "/actuator/zkworkflow/**").hasRole("ZK_WORKFLOW_ADMIN")
			.requestMatchers(HttpMethod.PUT, "/settings/**").hasRole("ZK_WORKFLOW_ADMIN")
			.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.formLogin(Customizer.withDefaults())
			// a JSON API and a demo: no browser forms to protect against cross-site requests
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	UserDetailsService sampleUsers() {
		return new InMemoryUserDetailsManager(
				User.withUsername("viewer").password("{noop}viewer").roles("VIEWER").build(),
				User.withUsername("admin").password("{noop}admin").roles("VIEWER", "ZK_WORKFLOW_ADMIN").build());
	}

}
