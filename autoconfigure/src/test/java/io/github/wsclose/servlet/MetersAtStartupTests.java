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

package io.github.wsclose.servlet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opened and active meters exist at zero for every mapped endpoint as soon as the
 * application is ready, before any session: read from Prometheus' scrape on Tomcat.
 */
class MetersAtStartupTests {

	@Test
	void prometheusShowsEveryMappedEndpointAtZeroBeforeTheFirstSession() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(StartupApplication.class, "--server.port=0",
				"--spring.main.banner-mode=off", "--management.endpoints.web.exposure.include=prometheus")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			String scrape = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(scrape).contains("websocket_sessions_active_sessions{endpoint=\"/echo\"} 0.0")
				.contains("websocket_sessions_active_sessions{endpoint=\"/rooms/{room}\"} 0.0")
				.contains("websocket_sessions_active_sessions{endpoint=\"/sockjs\"} 0.0")
				.contains("websocket_sessions_opened_sessions_total{endpoint=\"/echo\"} 0.0")
				.doesNotContain("endpoint=\"unknown\"")
				.doesNotContain("websocket_sessions_closed_sessions_total{");
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebSocket
	static class StartupApplication implements WebSocketConfigurer {

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new TextWebSocketHandler(), "/echo", "/rooms/{room}");
			registry.addHandler(new TextWebSocketHandler(), "/sockjs").withSockJS();
		}

	}

}
