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
 * Everyone may look (health, the dashboard, the actuator's read operations, an order's progress);
 * placing, paying, cancelling and replacing orders needs a login (an order is paid, cancelled or
 * replaced by whoever placed it, or an admin); changing settings and the actuator's write operations need the
 * {@code ZK_WORKFLOW_ADMIN} role. Demo users: {@code viewer/viewer}, {@code alice/alice},
 * {@code bob/bob} and {@code admin/admin}; a real application plugs in its own users.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SampleSecurity {

	/** Role of the users who may change settings, run the actuator's write operations and cancel any order. */
	static final String ADMIN_ROLE = "ZK_WORKFLOW_ADMIN";

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(HttpMethod.POST, "/actuator/zkworkflow/**").hasRole(ADMIN_ROLE)
			.requestMatchers(HttpMethod.PUT, "/settings/**").hasRole(ADMIN_ROLE)
			.requestMatchers(HttpMethod.POST, "/orders", "/orders/*/cancel", "/orders/*/payment", "/orders/*/replacement")
			.authenticated()
			.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.formLogin(Customizer.withDefaults())
			// CSRF protection stays on for every unsafe request, /actuator/** included. The token
			// lives in the XSRF-TOKEN cookie (CookieCsrfTokenRepository.withHttpOnlyFalse()) and
			// comes back in the X-XSRF-TOKEN header, as the dashboard's script sends it; spa()
			// loads the token on every request, so the first answer to any GET sets the cookie.
			// The actuator is not exempt: the dashboard calls its write operations (retry, purge,
			// cancel) from the browser with the login session's cookie, which a page of another
			// site could make the browser send too. Boot's advice to drop CSRF protection holds for
			// services no browser talks to; this one has a browser console. An operator's HTTP
			// client reads the cookie from any GET first and sends it back (see the README).
			.csrf((csrf) -> csrf.spa());
		return http.build();
	}

	@Bean
	UserDetailsService sampleUsers() {
		return new InMemoryUserDetailsManager(
				User.withUsername("viewer").password("{noop}viewer").roles("VIEWER").build(),
				User.withUsername("alice").password("{noop}alice").roles("VIEWER").build(),
				User.withUsername("bob").password("{noop}bob").roles("VIEWER").build(),
				User.withUsername("admin").password("{noop}admin").roles("VIEWER", ADMIN_ROLE).build());
	}

}
