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

package io.github.wsclose.actuator.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opened and active meters exist at zero for every mapped endpoint as soon as the
 * application is ready, before any session: read from Prometheus' scrape over HTTP, on
 * Tomcat, Jetty and Reactor Netty.
 */
class MetersAtStartupTests {

	@ParameterizedTest
	@EnumSource
	void prometheusShowsEveryMappedEndpointAtZeroRightAfterStartup(ActuatorServer server) throws Exception {
		try (ConfigurableApplicationContext context = server.start()) {
			URI scrape = URI.create("http://127.0.0.1:" + ActuatorServer.port(context) + "/actuator/prometheus");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(scrape).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("websocket_sessions_active_sessions{endpoint=\"/echo\"} 0.0")
				.contains("websocket_sessions_active_sessions{endpoint=\"/rooms/{room}\"} 0.0")
				.contains("websocket_sessions_opened_sessions_total{endpoint=\"/echo\"} 0.0")
				.contains("websocket_sessions_opened_sessions_total{endpoint=\"/rooms/{room}\"} 0.0")
				.doesNotContain("endpoint=\"unknown\"")
				.doesNotContain("websocket_sessions_closed_sessions_total{");
		}
	}

}
