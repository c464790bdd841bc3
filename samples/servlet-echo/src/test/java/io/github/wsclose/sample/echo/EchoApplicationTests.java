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

package io.github.wsclose.sample.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as its users run it: a close shows on the Actuator metrics endpoint and in
 * the Prometheus scrape.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EchoApplicationTests {

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void serverCloseIsCountedOnTheMetricsEndpointAndInPrometheus() throws Exception {
		WebSocketSession session = new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), "ws://localhost:" + this.port + "/echo")
			.get(10, TimeUnit.SECONDS);
		session.sendMessage(new TextMessage("close:4001:bye"));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get(
					"/actuator/metrics/websocket.sessions.closed?tag=code:4001&tag=status:unauthorized&tag=initiator:server"))
				.contains("\"statistic\":\"COUNT\",\"value\":1.0"));
		assertThat(get("/actuator/prometheus")).contains(
				"websocket_sessions_closed_sessions_total{category=\"private\",cause=\"application\",clean=\"true\",code=\"4001\",endpoint=\"/echo\",initiator=\"server\",status=\"unauthorized\"} 1.0")
			.contains("websocket_sessions_active_sessions{endpoint=\"/echo\"} 0.0");
	}

	private String get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
