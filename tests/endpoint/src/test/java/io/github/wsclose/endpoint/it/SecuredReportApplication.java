/*
 * Copyright 2026 the wsclose authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.wsclose.endpoint.it;

import java.io.IOException;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A Spring MVC application on Tomcat with an echo endpoint, a SockJS endpoint, the
 * {@code websocketcloses} endpoint exposed, and Spring Security's filter chain: every
 * request is let through, and HTTP basic authenticates the two users {@code admin} (role
 * {@code ADMIN}) and {@code viewer} (role {@code VIEWER}) when they send credentials.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSocket
class SecuredReportApplication implements WebSocketConfigurer {

	static final String ADMIN_PASSWORD = "admin-secret";

	static final String VIEWER_PASSWORD = "viewer-secret";

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		TextWebSocketHandler echo = new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
				session.sendMessage(message);
			}

		};
		registry.addHandler(echo, "/echo");
		registry.addHandler(echo, "/sockjs").withSockJS();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("admin").password("{noop}" + ADMIN_PASSWORD).roles("ADMIN").build(),
				User.withUsername("viewer").password("{noop}" + VIEWER_PASSWORD).roles("VIEWER").build());
	}

}
