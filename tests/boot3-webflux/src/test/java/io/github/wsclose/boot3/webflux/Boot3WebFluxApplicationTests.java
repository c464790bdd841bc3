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
package io.github.wsclose.boot3.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wsclose.CloseCategory;
import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.boot3.webflux.Boot3WebFluxApplication.Closes;
import io.github.wsclose.testsupport.RawWebSocketClient;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.server.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.SpringVersion;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Boot 3.5 WebFlux application as its users run it, on Reactor Netty: a client close,
 * a server close and a dropped connection each give one close event and one count on
 * Actuator's metrics endpoint, with the same values as on Boot 4.1; and no servlet stack
 * came with the starter.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class Boot3WebFluxApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Closes closes;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void runsOnSpringBoot35WithFramework62Micrometer115AndReactorNetty12() {
		assertThat(SpringBootVersion.getVersion()).isEqualTo("3.5.16");
		assertThat(SpringVersion.getVersion()).startsWith("6.2.");
		assertThat(MeterRegistry.class.getProtectionDomain().getCodeSource().getLocation().getPath())
			.contains("micrometer-core-1.15.");
		assertThat(HttpServer.class.getProtectionDomain().getCodeSource().getLocation().getPath())
			.contains("reactor-netty-http-1.2.");
	}

	@Test
	void classpathHasNoServletContainerNoSpringMvcAndNoSpringWebSocket() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("org.apache.catalina.startup.Tomcat", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("org.eclipse.jetty.server.Server", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("jakarta.servlet.Servlet", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.socket.WebSocketHandler", classLoader)).isFalse();
	}

	@Test
	void clientCloseGivesACleanClientInitiatedEventAndCount() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/echo")) {
			client.sendClose(4001, "bye");
			assertThat(client.awaitClose()).isNotNull();
		}
		WebSocketSessionClosedEvent event = awaitEvent(4001);
		assertThat(event.getReason()).isEqualTo("bye");
		assertThat(event.isClean()).isTrue();
		assertThat(event.getInitiator()).isEqualTo(Initiator.CLIENT);
		assertThat(event.getEndpoint()).isEqualTo("/echo");
		assertThat(event.getCloseCode().tagValue()).isEqualTo("unauthorized");
		assertThat(event.getCloseCode().category()).isEqualTo(CloseCategory.PRIVATE);
		assertThat(closedCount("code:4001", "status:unauthorized", "category:private", "clean:true", "initiator:client",
				"endpoint:/echo"))
			.isEqualTo(1.0);
	}

	@Test
	void serverCloseGivesACleanServerInitiatedEventAndCount() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/echo")) {
			client.sendText("close:4002:server bye");
			RawWebSocketClient.Frame close = client.readUntilClose();
			client.sendClose(close.payload());
		}
		WebSocketSessionClosedEvent event = awaitEvent(4002);
		assertThat(event.getReason()).isEqualTo("server bye");
		assertThat(event.isClean()).isTrue();
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(event.getEndpoint()).isEqualTo("/echo");
		assertThat(event.getCloseCode().tagValue()).isEqualTo("private");
		assertThat(closedCount("code:4xxx", "status:private", "category:private", "clean:true", "initiator:server",
				"endpoint:/echo"))
			.isEqualTo(1.0);
	}

	@Test
	void droppedConnectionGivesAnUncleanAbnormalClosureEventAndCount() throws Exception {
		RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/echo");
		client.sendText("hello");
		assertThat(client.readFrame().text()).isEqualTo("hello");
		client.drop();
		WebSocketSessionClosedEvent event = awaitEvent(1006);
		assertThat(event.getReason()).isNull();
		assertThat(event.isClean()).isFalse();
		assertThat(event.getInitiator()).isEqualTo(Initiator.UNKNOWN);
		assertThat(event.getEndpoint()).isEqualTo("/echo");
		assertThat(event.getCloseCode().tagValue()).isEqualTo("abnormal_closure");
		assertThat(closedCount("code:1006", "status:abnormal_closure", "category:standard", "clean:false",
				"initiator:unknown", "endpoint:/echo"))
			.isEqualTo(1.0);
	}

	@Test
	void openedAndActiveSessionsAreMeteredForTheEndpoint() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/echo")) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(value("websocket.sessions.active", "endpoint:/echo")).isEqualTo(1.0));
			assertThat(value("websocket.sessions.opened", "endpoint:/echo")).isPositive();
			client.sendClose(1000, "");
			assertThat(client.awaitClose()).isNotNull();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(value("websocket.sessions.active", "endpoint:/echo")).isEqualTo(0.0));
	}

	private WebSocketSessionClosedEvent awaitEvent(int code) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.closes.events().stream().filter((event) -> event.getCode() == code).toList(),
					(events) -> events.size() == 1)
			.get(0);
	}

	private double closedCount(String... tags) throws Exception {
		return value("websocket.sessions.closed", tags);
	}

	private double value(String name, String... tags) throws Exception {
		Map<String, Object> metric = metric(name, tags);
		List<?> measurements = (List<?>) metric.get("measurements");
		return ((Number) ((Map<?, ?>) measurements.get(0)).get("value")).doubleValue();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> metric(String name, String... tags) throws Exception {
		StringBuilder query = new StringBuilder();
		for (String tag : tags) {
			query.append((query.length() == 0) ? "?" : "&").append("tag=").append(tag);
		}
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/actuator/metrics/" + name + query);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
		return this.json.readValue(response.body(), Map.class);
	}

}
