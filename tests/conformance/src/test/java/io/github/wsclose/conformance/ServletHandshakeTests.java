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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

import org.springframework.beans.BeanUtils;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.springframework.web.socket.sockjs.client.AbstractXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.Transport;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Handshakes on a real servlet container, made by real WebSocket, SockJS and STOMP
 * clients and by raw HTTP: every outcome is counted in {@code websocket.handshakes},
 * every rejected one is published as a {@link WebSocketHandshakeRejectedEvent}, and a
 * rejected one publishes no session event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletHandshakeTests {

	private final ServerUnderTest server;

	private ConfigurableApplicationContext context;

	private int port;

	ServletHandshakeTests(ServerUnderTest server) {
		this.server = server;
	}

	@BeforeAll
	void start() {
		this.context = new SpringApplicationBuilder(HandshakeApplications.Servlet.class, this.server.configuration())
			.web(WebApplicationType.SERVLET)
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
	void acceptedHandshakeIsCountedAndPublishesNoRejection() throws Exception {
		double before = count(HandshakeApplications.OPEN, HandshakeOutcome.ACCEPTED);
		int rejectedBefore = recorder().rejectedOn(HandshakeApplications.OPEN).size();
		WebSocketSession session = new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), "ws://127.0.0.1:" + this.port + HandshakeApplications.OPEN)
			.get(10, TimeUnit.SECONDS);
		session.sendMessage(new TextMessage("hello"));
		session.close();
		await().untilAsserted(
				() -> assertThat(count(HandshakeApplications.OPEN, HandshakeOutcome.ACCEPTED)).isEqualTo(before + 1));
		await().untilAsserted(() -> assertThat(recorder().closedOn(HandshakeApplications.OPEN)).isNotEmpty());
		assertThat(recorder().rejectedOn(HandshakeApplications.OPEN)).hasSize(rejectedBefore);
	}

	@Test
	void refusedOriginIsOriginRejected() {
		int closedBefore = recorder().closedOn(HandshakeApplications.ORIGIN).size();
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setOrigin(HandshakeApplications.EVIL_ORIGIN);
		assertThatException().isThrownBy(() -> new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), headers,
					URI.create("ws://127.0.0.1:" + this.port + HandshakeApplications.ORIGIN))
			.get(10, TimeUnit.SECONDS));
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.ORIGIN,
				HandshakeOutcome.ORIGIN_REJECTED);
		assertThat(event.getStatus()).isEqualTo(403);
		assertThat(event.getOrigin()).isEqualTo(HandshakeApplications.EVIL_ORIGIN);
		assertThat(event.getUri()).hasPath(HandshakeApplications.ORIGIN);
		assertThat(count(HandshakeApplications.ORIGIN, HandshakeOutcome.ORIGIN_REJECTED)).isOne();
		assertThat(recorder().closedOn(HandshakeApplications.ORIGIN)).hasSize(closedBefore);
	}

	@Test
	void allowedOriginIsAccepted() throws Exception {
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setOrigin(HandshakeApplications.GOOD_ORIGIN);
		WebSocketSession session = new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), headers,
					URI.create("ws://127.0.0.1:" + this.port + HandshakeApplications.ORIGIN))
			.get(10, TimeUnit.SECONDS);
		session.close();
		await().untilAsserted(() -> assertThat(count(HandshakeApplications.ORIGIN, HandshakeOutcome.ACCEPTED)).isOne());
	}

	@Test
	void interceptorThatSaysNoIsInterceptorRejected() {
		assertThatException().isThrownBy(() -> new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), "ws://127.0.0.1:" + this.port + HandshakeApplications.REFUSED)
			.get(10, TimeUnit.SECONDS));
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.REFUSED,
				HandshakeOutcome.INTERCEPTOR_REJECTED);
		assertThat(event.getStatus()).isEqualTo(401);
		assertThat(event.getOrigin()).isNull();
		assertThat(count(HandshakeApplications.REFUSED, HandshakeOutcome.INTERCEPTOR_REJECTED)).isOne();
		assertThat(recorder().closedOn(HandshakeApplications.REFUSED)).isEmpty();
	}

	@Test
	void requestWithoutUpgradeIsBadRequest() throws Exception {
		double before = count(HandshakeApplications.OPEN, HandshakeOutcome.BAD_REQUEST);
		HttpResponse<String> plainGet = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + HandshakeApplications.OPEN))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(plainGet.statusCode()).isEqualTo(400);
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.OPEN, HandshakeOutcome.BAD_REQUEST,
				400);
		assertThat(event.getOrigin()).isNull();
		assertThat(event.getUri()).hasPath(HandshakeApplications.OPEN);
		assertThat(count(HandshakeApplications.OPEN, HandshakeOutcome.BAD_REQUEST)).isGreaterThanOrEqualTo(before + 1);
	}

	@Test
	void unsupportedWebSocketVersionIsBadRequest() throws Exception {
		String status = rawHandshake(HandshakeApplications.OPEN, "12");
		assertThat(status).contains(" 426");
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.OPEN, HandshakeOutcome.BAD_REQUEST,
				426);
		assertThat(event.getOrigin()).isNull();
		assertThat(event.getUri()).hasQuery("raw");
		assertThat(recorder().closedOn(HandshakeApplications.OPEN))
			.noneMatch((closed) -> closed.getUri() != null && "raw".equals(closed.getUri().getQuery()));
	}

	@Test
	void handshakeThatThrowsIsFailed() {
		assertThatException().isThrownBy(() -> new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), "ws://127.0.0.1:" + this.port + HandshakeApplications.THROWS)
			.get(10, TimeUnit.SECONDS));
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.THROWS, HandshakeOutcome.FAILED);
		assertThat(event.getStatus()).isEqualTo(500);
		assertThat(event.getError()).hasMessageContaining("boom");
		assertThat(recorder().closedOn(HandshakeApplications.THROWS)).isEmpty();
	}

	@Test
	void stompOverSockJsFromRefusedOriginIsOriginRejectedOnTheWebSocketTransport() {
		SockJsClient sockJs = new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient())));
		// the client asks /info with no Origin header, as a page of the same origin would
		sockJs.setHttpHeaderNames("Accept");
		assertStompRefused(sockJs);
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.STOMP,
				HandshakeOutcome.ORIGIN_REJECTED, "/websocket");
		assertThat(event.getStatus()).isEqualTo(403);
		assertThat(event.getOrigin()).isEqualTo(HandshakeApplications.EVIL_ORIGIN);
		assertThat(recorder().closedOn(HandshakeApplications.STOMP)).isEmpty();
	}

	@Test
	void stompOverSockJsFromRefusedOriginIsOriginRejectedOnAnHttpTransport() {
		AbstractXhrTransport xhr = xhrTransportThatSendsOrigin();
		xhr.setXhrStreamingDisabled(true);
		SockJsClient sockJs = new SockJsClient(List.<Transport>of(xhr));
		// the client asks /info with no Origin header, then polls with it
		sockJs.setInfoReceiver((infoUrl, headers) -> xhr.executeInfoRequest(infoUrl, null));
		assertStompRefused(sockJs);
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.STOMP,
				HandshakeOutcome.ORIGIN_REJECTED, "/xhr");
		assertThat(event.getStatus()).isEqualTo(403);
		assertThat(event.getOrigin()).isEqualTo(HandshakeApplications.EVIL_ORIGIN);
		assertThat(recorder().closedOn(HandshakeApplications.STOMP)).isEmpty();
	}

	@Test
	void stompOverSockJsFromAllowedOriginIsAcceptedOnceOnTheWebSocketTransportAndOnceOnAnHttpTransport()
			throws Exception {
		String endpoint = HandshakeApplications.STOMP_ACCEPTED;
		assertThat(count(endpoint, HandshakeOutcome.ACCEPTED)).isZero();
		SockJsClient webSocket = new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient())));
		webSocket.setHttpHeaderNames("Accept");
		stompConnectFromGoodOrigin(webSocket).disconnect();
		await().untilAsserted(() -> assertThat(count(endpoint, HandshakeOutcome.ACCEPTED)).isOne());

		// the xhr transport by hand: the session's first request is its handshake, its
		// sends are not
		String session = "http://127.0.0.1:" + this.port + endpoint + "/000/"
				+ UUID.randomUUID().toString().replace("-", "");
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(session + "/xhr"))
			.header("Origin", HandshakeApplications.GOOD_ORIGIN)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(opened.statusCode()).isEqualTo(200);
		assertThat(opened.body()).isEqualTo("o\n");
		HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(session + "/xhr_send"))
			.header("Origin", HandshakeApplications.GOOD_ORIGIN)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("[\"\\n\"]"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).isEqualTo(204);
		assertThat(count(endpoint, HandshakeOutcome.ACCEPTED)).isEqualTo(2);
		assertThat(recorder().rejectedOn(endpoint)).isEmpty();
	}

	private StompSession stompConnectFromGoodOrigin(SockJsClient sockJs) throws Exception {
		WebSocketStompClient stomp = new WebSocketStompClient(sockJs);
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setOrigin(HandshakeApplications.GOOD_ORIGIN);
		return stomp.connectAsync("http://127.0.0.1:" + this.port + HandshakeApplications.STOMP_ACCEPTED, headers,
				new StompSessionHandlerAdapter() {
				})
			.get(20, TimeUnit.SECONDS);
	}

	@Test
	void sockJsClientFromRefusedOriginIsOriginRejectedOnItsInfoRequest() {
		SockJsClient sockJs = new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient())));
		sockJs.setInfoReceiver(xhrTransportThatSendsOrigin());
		assertStompRefused(sockJs);
		WebSocketHandshakeRejectedEvent event = awaitRejection(HandshakeApplications.STOMP,
				HandshakeOutcome.ORIGIN_REJECTED, "/info");
		assertThat(event.getStatus()).isEqualTo(403);
		assertThat(event.getOrigin()).isEqualTo(HandshakeApplications.EVIL_ORIGIN);
	}

	/**
	 * An XHR transport whose requests carry the {@code Origin} header: Framework 7's
	 * {@code RestClientXhrTransport}, or on Framework 6.2 a
	 * {@code RestTemplateXhrTransport} over the JDK's HTTP client (its default,
	 * {@code HttpURLConnection}, drops {@code Origin} as a restricted header).
	 */
	private static AbstractXhrTransport xhrTransportThatSendsOrigin() {
		if (SockJsCase.HAS_REST_CLIENT_XHR_TRANSPORT) {
			return SockJsCase.xhrTransport();
		}
		Class<?> type = ClassUtils
			.resolveClassName("org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport", null);
		return (AbstractXhrTransport) BeanUtils.instantiateClass(
				ClassUtils.getConstructorIfAvailable(type, RestOperations.class),
				new RestTemplate(new JdkClientHttpRequestFactory()));
	}

	private void assertStompRefused(SockJsClient sockJs) {
		WebSocketStompClient stomp = new WebSocketStompClient(sockJs);
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setOrigin(HandshakeApplications.EVIL_ORIGIN);
		assertThatException()
			.isThrownBy(() -> stomp.connectAsync("http://127.0.0.1:" + this.port + HandshakeApplications.STOMP, headers,
					new StompSessionHandlerAdapter() {
					})
				.get(20, TimeUnit.SECONDS));
	}

	private String rawHandshake(String path, String version) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + "?raw HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: " + version + "\r\n\r\n")
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

	private WebSocketHandshakeRejectedEvent awaitRejection(String endpoint, HandshakeOutcome outcome) {
		return awaitRejection(endpoint, outcome, (event) -> true);
	}

	private WebSocketHandshakeRejectedEvent awaitRejection(String endpoint, HandshakeOutcome outcome, int status) {
		return awaitRejection(endpoint, outcome, (event) -> event.getStatus() == status);
	}

	private WebSocketHandshakeRejectedEvent awaitRejection(String endpoint, HandshakeOutcome outcome, String pathEnd) {
		return awaitRejection(endpoint, outcome,
				(event) -> event.getUri() != null && event.getUri().getPath().endsWith(pathEnd));
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
