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
package io.github.wsclose.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.WebSocketHandshakeRejectedEvent;
import io.github.wsclose.conformance.HandshakeApplications.Recorder;
import io.github.wsclose.metrics.WebSocketHandshakeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Handshakes on WebFlux with Reactor Netty, made by Reactor Netty's WebSocket client and
 * by raw HTTP: what passes through the {@code WebSocketHandlerAdapter} is counted in
 * {@code websocket.handshakes}, every rejected one is published as a
 * {@link WebSocketHandshakeRejectedEvent}, and a rejected one publishes no session event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactorNettyHandshakeTests {

	private ConfigurableApplicationContext context;

	private int port;

	@BeforeAll
	void start() {
		this.context = new SpringApplicationBuilder(HandshakeApplications.Reactive.class)
			.web(WebApplicationType.REACTIVE)
			.bannerMode(Banner.Mode.OFF)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.register-shutdown-hook=false")
			.run();
		this.port = this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void acceptedHandshakeIsCountedAndPublishesNoRejection() {
		int rejectedBefore = recorder().rejectedOn(HandshakeApplications.OPEN).size();
		HttpHeaders headers = new HttpHeaders();
		headers.setOrigin(HandshakeApplications.GOOD_ORIGIN);
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://127.0.0.1:" + this.port + HandshakeApplications.OPEN), headers,
					(session) -> session.send(Mono.just(session.textMessage("hello")))
						.then(session.receive().next())
						.then(session.close()))
			.block(Duration.ofSeconds(10));
		await().untilAsserted(() -> assertThat(count(HandshakeApplications.OPEN, HandshakeOutcome.ACCEPTED))
			.isGreaterThanOrEqualTo(1));
		await().untilAsserted(() -> assertThat(recorder().closedOn(HandshakeApplications.OPEN)).isNotEmpty());
		assertThat(recorder().rejectedOn(HandshakeApplications.OPEN)).hasSize(rejectedBefore);
	}

	@Test
	void handshakeRefusedByApplicationCodeIsInterceptorRejected() {
		HttpHeaders headers = new HttpHeaders();
		headers.setOrigin(HandshakeApplications.EVIL_ORIGIN);
		assertThatException().isThrownBy(
				() -> new ReactorNettyWebSocketClient()
					.execute(URI.create("ws://127.0.0.1:" + this.port + HandshakeApplications.REFUSED), headers,
							(session) -> session.close())
					.block(Duration.ofSeconds(10)));
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.REFUSED,
				HandshakeOutcome.INTERCEPTOR_REJECTED, (rejected) -> true);
		assertThat(event.getStatus()).isEqualTo(401);
		assertThat(event.getOrigin()).isEqualTo(HandshakeApplications.EVIL_ORIGIN);
		assertThat(event.getUri()).hasPath(HandshakeApplications.REFUSED);
		assertThat(count(HandshakeApplications.REFUSED, HandshakeOutcome.INTERCEPTOR_REJECTED)).isOne();
		assertThat(recorder().closedOn(HandshakeApplications.REFUSED)).isEmpty();
	}

	@Test
	void requestWithoutUpgradeIsBadRequest() throws Exception {
		double before = count(HandshakeApplications.OPEN, HandshakeOutcome.BAD_REQUEST);
		HttpResponse<String> plainGet = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + HandshakeApplications.OPEN))
				.header("Origin", "https://plain.example")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(plainGet.statusCode()).isEqualTo(400);
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.OPEN, HandshakeOutcome.BAD_REQUEST,
				(rejected) -> rejected.getStatus() == 400);
		assertThat(event.getOrigin()).isEqualTo("https://plain.example");
		assertThat(count(HandshakeApplications.OPEN, HandshakeOutcome.BAD_REQUEST)).isGreaterThanOrEqualTo(before + 1);
	}

	@Test
	void unsupportedWebSocketVersionIsBadRequest() throws Exception {
		String status = rawHandshake(HandshakeApplications.OPEN, "12");
		assertThat(status).contains(" 426");
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.OPEN, HandshakeOutcome.BAD_REQUEST,
				(rejected) -> "raw".equals(rejected.getUri().getQuery()));
		assertThat(event.getStatus()).isEqualTo(426);
		assertThat(event.getOrigin()).isEqualTo("https://raw.example");
		assertThat(recorder().closedOn(HandshakeApplications.OPEN))
			.noneMatch((closed) -> closed.getUri() != null && "raw".equals(closed.getUri().getQuery()));
	}

	@Test
	void handshakeThatThrowsIsFailed() {
		assertThatException().isThrownBy(
				() -> new ReactorNettyWebSocketClient()
					.execute(URI.create("ws://127.0.0.1:" + this.port + HandshakeApplications.THROWS),
							(session) -> session.close())
					.block(Duration.ofSeconds(10)));
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.THROWS, HandshakeOutcome.FAILED,
				(rejected) -> true);
		assertThat(event.getStatus()).isEqualTo(500);
		assertThat(event.getError()).hasMessage("boom");
		assertThat(count(HandshakeApplications.THROWS, HandshakeOutcome.FAILED)).isOne();
		assertThat(recorder().closedOn(HandshakeApplications.THROWS)).isEmpty();
	}

	@Test
	void everyOutcomeOfAMappedEndpointExistsAtZeroFromStartup() {
		for (HandshakeOutcome outcome : HandshakeOutcome.values()) {
			assertThat(this.context.getBean(MeterRegistry.class)
				.find(WebSocketHandshakeMetrics.HANDSHAKES)
				.tag("endpoint", HandshakeApplications.OPEN)
				.tag("outcome", outcome.tagValue())
				.counter()).isNotNull();
		}
	}

	private String rawHandshake(String path, String version) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + "?raw HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: " + version + "\r\nOrigin: https://raw.example\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = in.read()) != -1 && c != '\r') {
				line.append((char) c);
			}
			return line.toString();
		}
	}

	private WebSocketHandshakeRejectedEvent awaitRejection(String endpoint, HandshakeOutcome outcome,
			Predicate<WebSocketHandshakeRejectedEvent> filter) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> recorder().rejectedOn(endpoint)
				.stream()
				.filter((event) -> event.getOutcome() == outcome && filter.test(event))
				.findFirst()
				.orElse(null), (event) -> event != null);
	}

	private Recorder recorder() {
		return this.context.getBean(Recorder.class);
	}

	private double count(String endpoint, HandshakeOutcome outcome) {
		Counter counter = this.context.getBean(MeterRegistry.class)
			.find(WebSocketHandshakeMetrics.HANDSHAKES)
			.tag("endpoint", endpoint)
			.tag("outcome", outcome.tagValue())
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
