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

package io.github.wsclose.sample.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lab's server side with a plain Java client: the {@code websocketcloses} endpoint's
 * JSON after a server drop and a named server close, and the lab's count table. Each test
 * has an application of its own, so that it sees only its own closes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=close-lab-endpoint-test")
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
class CloseLabApplicationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Test
	void closeReportEndpointListsCountsByCodeAndTheDroppedConnection() throws Exception {
		connect().sendMessage(new TextMessage("close:4001:token expired"));
		connect().sendMessage(new TextMessage("drop"));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> JsonPath.<List<Integer>>read(get("/actuator/websocketcloses"), "$.endpoints.*.closes")
				.equals(List.of(2)));
		DocumentContext report = JsonPath.parse(get("/actuator/websocketcloses"));
		assertThat(report.<Double>read("$.endpoints['/lab/socket'].uncleanShare")).isEqualTo(0.5);
		assertThat(report.<List<Map<String, Object>>>read("$.endpoints['/lab/socket'].codes[?(@.code == '4001')]"))
			.singleElement()
			.satisfies((code) -> assertThat(code).containsEntry("name", "unauthorized")
				.containsEntry("status", "unauthorized")
				.containsEntry("category", "private")
				.containsEntry("count", 1)
				.containsEntry("unclean", 0)
				.containsEntry("initiators", Map.of("server", 1, "client", 0, "unknown", 0)));
		assertThat(report.<List<Map<String, Object>>>read("$.recentUnclean")).singleElement().satisfies((close) -> {
			assertThat(close).containsEntry("endpoint", "/lab/socket")
				.containsEntry("code", 1006)
				.containsEntry("name", "Abnormal Closure")
				.containsEntry("status", "abnormal_closure")
				.containsEntry("transportError", "java.nio.channels.ClosedChannelException")
				.containsEntry("initiator", "unknown")
				.containsKeys("time", "sessionId", "duration")
				.doesNotContainKey("reason");
			assertThat((String) close.get("duration")).startsWith("PT").endsWith("S");
		});
	}

	@Test
	void countTableListsTheClosedCounterSeries() throws Exception {
		connect().sendMessage(new TextMessage("close:1013:busy"));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					JsonPath.<List<Map<String, Object>>>read(get("/lab/counts"), "$[?(@.code == '1013')]"))
				.singleElement()
				.isEqualTo(Map.of("endpoint", "/lab/socket", "code", "1013", "status", "try_again_later", "category",
						"standard", "clean", "true", "initiator", "server", "cause", "application", "count", 1.0)));
	}

	private WebSocketSession connect() throws Exception {
		return new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), "ws://localhost:" + this.port + CloseLabApplication.SOCKET_PATH)
			.get(10, TimeUnit.SECONDS);
	}

	private String get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
