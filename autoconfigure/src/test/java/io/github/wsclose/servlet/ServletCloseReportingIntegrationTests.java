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

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.wsclose.CloseCategory;
import io.github.wsclose.CloseCause;
import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.servlet.ServletTestApplication.Recorder;
import io.github.wsclose.servlet.ServletTestApplication.ScriptedHandler;
import io.github.wsclose.testsupport.RawWebSocketClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.Transport;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closes on a real embedded Tomcat, made by real WebSocket, SockJS and STOMP clients, and
 * what the starter reports for them.
 */
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsclose.codes.4001=unauthorized", "management.endpoints.web.exposure.include=metrics" })
@ExtendWith(OutputCaptureExtension.class)
class ServletCloseReportingIntegrationTests {

	private static final Duration QUIET_PERIOD = Duration.ofMillis(500);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private Recorder recorder;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ServletTestApplication application;

	@Autowired
	private ScriptedHandler beanHandler;

	@ParameterizedTest(name = "client closes with {0}")
	@CsvSource(textBlock = """
			1000, '',    Normal Closure,        normal_closure, STANDARD, 1000
			1001, away,  Going Away,            going_away,     STANDARD, 1001
			4001, bye,   unauthorized,          unauthorized,   PRIVATE,  4001
			4321, later, Private (application), private,        PRIVATE,  4xxx
			""")
	void clientCloseIsReportedCleanAndClientInitiated(int code, String reason, String name, String status,
			CloseCategory category, String codeTag) throws Exception {
		String room = UUID.randomUUID().toString();
		double countBefore = closedCount("/rooms/{room}", codeTag, status, "true", "client");
		Instant before = Instant.now();
		WebSocketSession session = connect("/rooms/" + room);
		session.close(new CloseStatus(code, reason.isEmpty() ? null : reason));

		WebSocketSessionClosedEvent event = awaitExactlyOne(() -> eventsForRoom(room));
		assertThat(event.getCode()).isEqualTo(code);
		assertThat(event.getReason()).isEqualTo(reason.isEmpty() ? null : reason);
		assertThat(event.getCloseCode().name()).isEqualTo(name);
		assertThat(event.getCloseCode().tagValue()).isEqualTo(status);
		assertThat(event.getCloseCode().category()).isEqualTo(category);
		assertThat(event.isClean()).isTrue();
		assertThat(event.getInitiator()).isEqualTo(Initiator.CLIENT);
		assertThat(event.getEndpoint()).isEqualTo("/rooms/{room}");
		assertThat(event.getUri()).isEqualTo(URI.create("ws://localhost:" + this.port + "/rooms/" + room));
		assertThat(event.getPrincipal()).isNull();
		assertThat(event.getTransportError()).isNull();
		assertThat(event.getOpenedAt()).isBetween(before, Instant.now());
		assertThat(event.getDuration()).isPositive();
		assertThat(closedCount("/rooms/{room}", codeTag, status, "true", "client")).isEqualTo(countBefore + 1);
	}

	@ParameterizedTest(name = "server closes with {0}")
	@CsvSource(textBlock = """
			1008, policy,                   policy_violation,     1008
			4500, too slow,                 session_not_reliable, 4500
			""")
	void serverCloseIsReportedServerInitiated(int code, String reason, String status, String codeTag) throws Exception {
		String room = UUID.randomUUID().toString();
		double countBefore = closedCount("/rooms/{room}", codeTag, status, "true", "server");
		WebSocketSession session = connect("/rooms/" + room);
		session.sendMessage(new TextMessage("close:" + code + ":" + reason));

		WebSocketSessionClosedEvent event = awaitExactlyOne(() -> eventsForRoom(room));
		assertThat(event.getCode()).isEqualTo(code);
		assertThat(event.getReason()).isEqualTo(reason);
		assertThat(event.getCloseCode().tagValue()).isEqualTo(status);
		assertThat(event.isClean()).isTrue();
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(closedCount("/rooms/{room}", codeTag, status, "true", "server")).isEqualTo(countBefore + 1);
	}

	/**
	 * 4500 is Spring's status for a session over its send limits: an application that
	 * closes with it for a reason of its own is read the same way (docs/causes.md).
	 */
	@Test
	void applicationsOwn4500IsReadAsTheSendLimit() throws Exception {
		String room = UUID.randomUUID().toString();
		connect("/rooms/" + room).sendMessage(new TextMessage("close:4500:mine"));

		WebSocketSessionClosedEvent event = awaitExactlyOne(() -> eventsForRoom(room));
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.SEND_LIMIT);
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
	}

	@Test
	void applicationCloseAndHandlerErrorAreTheirCauses() throws Exception {
		String closed = UUID.randomUUID().toString();
		connect("/rooms/" + closed).sendMessage(new TextMessage("close:1008:policy"));
		String failed = UUID.randomUUID().toString();
		connect("/rooms/" + failed).sendMessage(new TextMessage("boom"));

		assertThat(awaitExactlyOne(() -> eventsForRoom(closed)).getCloseCause()).isEqualTo(CloseCause.APPLICATION);
		assertThat(awaitExactlyOne(() -> eventsForRoom(failed)).getCloseCause()).isEqualTo(CloseCause.HANDLER_ERROR);
	}

	@Test
	void handlerErrorIsReportedAsServerClose() throws Exception {
		String room = UUID.randomUUID().toString();
		WebSocketSession session = connect("/rooms/" + room);
		session.sendMessage(new TextMessage("boom"));

		WebSocketSessionClosedEvent event = awaitExactlyOne(() -> eventsForRoom(room));
		assertThat(event.getCode()).isEqualTo(CloseStatus.SERVER_ERROR.getCode());
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(event.isClean()).isTrue();
	}

	@Test
	void tcpDropIsAbnormalUncleanAndCarriesTheTransportError() throws Exception {
		String room = UUID.randomUUID().toString();
		double countBefore = closedCount("/rooms/{room}", "1006", "abnormal_closure", "false", "unknown");
		RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/rooms/" + room);
		client.sendText("hello");
		client.drop();

		WebSocketSessionClosedEvent event = awaitExactlyOne(() -> eventsForRoom(room));
		assertThat(event.getCode()).isEqualTo(1006);
		assertThat(event.getCloseCode().tagValue()).isEqualTo("abnormal_closure");
		assertThat(event.isClean()).isFalse();
		assertThat(event.getInitiator()).isEqualTo(Initiator.UNKNOWN);
		assertThat(event.getTransportError()).isInstanceOf(IOException.class);
		assertThat(closedCount("/rooms/{room}", "1006", "abnormal_closure", "false", "unknown"))
			.isEqualTo(countBefore + 1);
	}

	@Test
	void actuatorMetricsEndpointShowsNamedAndUnnamedPrivateCodes() throws Exception {
		Map<String, Object> named = actuatorClosed("code:4001", "status:unauthorized", "endpoint:/bean");
		Map<String, Object> unnamed = actuatorClosed("code:4xxx", "status:private", "endpoint:/bean");
		double namedBefore = count(named);
		double unnamedBefore = count(unnamed);
		connect("/bean").close(new CloseStatus(4001, "denied"));
		connect("/bean").close(new CloseStatus(4321, "later"));
		await().untilAsserted(() -> {
			assertThat(count(actuatorClosed("code:4001", "status:unauthorized", "endpoint:/bean")))
				.isEqualTo(namedBefore + 1);
			assertThat(count(actuatorClosed("code:4xxx", "status:private", "endpoint:/bean")))
				.isEqualTo(unnamedBefore + 1);
		});
		Map<String, Object> response = actuatorClosed("code:4001", "endpoint:/bean");
		assertThat(response).containsEntry("name", "websocket.sessions.closed").containsEntry("baseUnit", "sessions");
		assertThat(availableTags(response)).containsKeys("status", "category", "clean", "initiator")
			.doesNotContainKeys("reason", "session", "uri");
		assertThat(availableTags(response).get("category")).containsExactly("private");
		assertThat(availableTags(response).get("initiator")).contains("client");
	}

	@Test
	void handlerCreatedWithNewYieldsOneEventAndOneCount() throws Exception {
		String marker = UUID.randomUUID().toString();
		double countBefore = closedCount("/echo");
		WebSocketSession session = connect("/echo?t=" + marker);
		session.close(CloseStatus.NORMAL);

		WebSocketSessionClosedEvent event = awaitExactlyOne(() -> this.recorder.events.stream()
			.filter((e) -> e.getUri() != null && ("t=" + marker).equals(e.getUri().getQuery()))
			.toList());
		assertThat(event.getEndpoint()).isEqualTo("/echo");
		assertThat(closedCount("/echo")).isEqualTo(countBefore + 1);
		assertThat(this.application.createdHandler.closes).contains(CloseStatus.NORMAL);
	}

	@Test
	void handlerBeanYieldsOneEventAndOneCountAndStaysTheBean() throws Exception {
		int before = this.recorder.on("/bean").size();
		double countBefore = closedCount("/bean");
		int closesBefore = this.beanHandler.closes.size();
		WebSocketSession session = connect("/bean");
		session.sendMessage(new TextMessage("close:4002:bean"));

		awaitCount(() -> this.recorder.on("/bean"), before + 1);
		assertThat(closedCount("/bean")).isEqualTo(countBefore + 1);
		assertThat(this.beanHandler.closes).hasSize(closesBefore + 1);
		assertThat(this.context.getBean("beanHandler")).isSameAs(this.beanHandler)
			.isExactlyInstanceOf(ScriptedHandler.class);
		assertThat(this.beanHandler.sessions.get(this.beanHandler.sessions.size() - 1))
			.isInstanceOf(CloseReportingWebSocketSession.class);
	}

	@Test
	void sockJsOverWebSocketYieldsOneEventAndOneCount() throws Exception {
		int before = this.recorder.on("/sockjs").size();
		double countBefore = closedCount("/sockjs");
		WebSocketSession session = connectSockJs(new WebSocketTransport(new StandardWebSocketClient()), "/sockjs");
		session.close(CloseStatus.NORMAL);

		List<WebSocketSessionClosedEvent> events = awaitCount(() -> this.recorder.on("/sockjs"), before + 1);
		WebSocketSessionClosedEvent event = events.get(events.size() - 1);
		assertThat(event.getCode()).isEqualTo(1000);
		assertThat(event.getInitiator()).isEqualTo(Initiator.CLIENT);
		assertThat(closedCount("/sockjs")).isEqualTo(countBefore + 1);
	}

	/**
	 * Over xhr-streaming the application closes the session from the server side: Spring
	 * Framework 7.0.8 answers 404 to an {@code xhr_send} that arrives from another client
	 * port than the session's first request, so this client cannot send messages.
	 */
	@Test
	void sockJsOverXhrStreamingYieldsOneEventAndOneCount() throws Exception {
		int before = this.recorder.on("/sockjs").size();
		double countBefore = closedCount("/sockjs");
		int sessionsBefore = this.application.sockJsHandler.sessions.size();
		connectSockJs(xhrTransport(), "/sockjs");
		await().until(() -> this.application.sockJsHandler.sessions.size() == sessionsBefore + 1);
		WebSocketSession serverSession = this.application.sockJsHandler.sessions.get(sessionsBefore);
		serverSession.close(new CloseStatus(4001, "bye"));

		List<WebSocketSessionClosedEvent> events = awaitCount(() -> this.recorder.on("/sockjs"), before + 1);
		WebSocketSessionClosedEvent event = events.get(events.size() - 1);
		assertThat(event.getSessionId()).isEqualTo(serverSession.getId());
		assertThat(event.getCode()).isEqualTo(4001);
		assertThat(event.getReason()).isEqualTo("bye");
		assertThat(event.getCloseCode().tagValue()).isEqualTo("unauthorized");
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(event.isClean()).isTrue();
		assertThat(closedCount("/sockjs")).isEqualTo(countBefore + 1);
	}

	@Test
	void stompEndpointYieldsOneEventAndOneCount() throws Exception {
		int before = this.recorder.on("/stomp").size();
		double countBefore = closedCount("/stomp");
		WebSocketStompClient stompClient = new WebSocketStompClient(new StandardWebSocketClient());
		StompSession session = stompClient
			.connectAsync("ws://localhost:" + this.port + "/stomp", new StompSessionHandlerAdapter() {
			})
			.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		session.disconnect();

		List<WebSocketSessionClosedEvent> events = awaitCount(() -> this.recorder.on("/stomp"), before + 1);
		WebSocketSessionClosedEvent event = events.get(events.size() - 1);
		assertThat(event.getCloseCode().category()).isEqualTo(CloseCategory.STANDARD);
		assertThat(closedCount("/stomp")).isEqualTo(countBefore + 1);
	}

	@Test
	void throwingEventListenerStopsNeitherTheHandlerNorTheCount(CapturedOutput output) throws Exception {
		int closesBefore = this.beanHandler.closes.size();
		double countBefore = closedCount("/bean", "4xxx", "private", "true", "client");
		connect("/bean").close(new CloseStatus(4002, "listener-throws"));

		await().untilAsserted(() -> assertThat(this.beanHandler.closes).hasSize(closesBefore + 1));
		assertThat(this.beanHandler.closes.get(closesBefore).getReason()).isEqualTo("listener-throws");
		assertThat(closedCount("/bean", "4xxx", "private", "true", "client")).isEqualTo(countBefore + 1);
		assertThat(output).contains("Listener failure on purpose").contains("WebSocket session listener");
	}

	@Test
	void userConfigurerKeepsItsTypeBeanMethodsAndListeners() throws Exception {
		assertThat(ClassUtils.getUserClass(this.application)).isEqualTo(ServletTestApplication.class);
		assertThat(this.context.getBeansOfType(WebSocketConfigurer.class)).containsValue(this.application);
		assertThat(this.context.getBean("beanHandler")).isInstanceOf(ScriptedHandler.class);
		int ownBefore = this.application.ownListenerEvents.size();
		connect("/echo").close(CloseStatus.NORMAL);
		await().untilAsserted(() -> assertThat(this.application.ownListenerEvents).hasSize(ownBefore + 1));
	}

	@Test
	void activeSessionsReturnToZeroAndOpenedMatchesClosed() throws Exception {
		WebSocketSession first = connect("/bean");
		WebSocketSession second = connect("/bean");
		await().untilAsserted(() -> assertThat(active("/bean")).isEqualTo(2));
		first.close();
		second.close(CloseStatus.GOING_AWAY);
		await().untilAsserted(() -> assertThat(active("/bean")).isZero());
		assertThat(this.registry.get("websocket.sessions.opened").tag("endpoint", "/bean").counter().count())
			.isEqualTo(closedCount("/bean"));
	}

	private WebSocketSession connect(String path) throws Exception {
		return new StandardWebSocketClient().execute(new TextWebSocketHandler(), "ws://localhost:" + this.port + path)
			.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * SockJS's XHR transport: {@code RestClientXhrTransport} on Spring Framework 7, where
	 * it replaces the deprecated {@code RestTemplateXhrTransport}, which is the only one
	 * Framework 6.2 (Boot 3.5) has.
	 */
	private static Transport xhrTransport() {
		String name = ClassUtils.isPresent("org.springframework.web.socket.sockjs.client.RestClientXhrTransport", null)
				? "org.springframework.web.socket.sockjs.client.RestClientXhrTransport"
				: "org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport";
		return BeanUtils.instantiateClass(ClassUtils.resolveClassName(name, null), Transport.class);
	}

	private WebSocketSession connectSockJs(Transport transport, String path) throws Exception {
		WebSocketHandler handler = new TextWebSocketHandler();
		return new SockJsClient(List.of(transport)).execute(handler, "http://127.0.0.1:" + this.port + path)
			.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	private List<WebSocketSessionClosedEvent> eventsForRoom(String room) {
		return this.recorder.events.stream()
			.filter((event) -> event.getUri() != null && event.getUri().getPath().equals("/rooms/" + room))
			.toList();
	}

	private static WebSocketSessionClosedEvent awaitExactlyOne(Supplier<List<WebSocketSessionClosedEvent>> events) {
		return awaitCount(events, 1).get(0);
	}

	/**
	 * Wait for the number of events to reach the count, then check it stays there for a
	 * quiet period: a second report of the same session would show up in it.
	 */
	private static List<WebSocketSessionClosedEvent> awaitCount(Supplier<List<WebSocketSessionClosedEvent>> events,
			int count) {
		await().atMost(Duration.ofSeconds(15)).until(() -> events.get().size() >= count);
		await().during(QUIET_PERIOD).atMost(QUIET_PERIOD.multipliedBy(4)).until(() -> events.get().size() == count);
		return events.get();
	}

	private double closedCount(String endpoint) {
		return this.registry.find("websocket.sessions.closed")
			.tag("endpoint", endpoint)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private double closedCount(String endpoint, String code, String status, String clean, String initiator) {
		Counter counter = this.registry.find("websocket.sessions.closed")
			.tags("endpoint", endpoint, "code", code, "status", status, "clean", clean, "initiator", initiator)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double active(String endpoint) {
		return this.registry.get("websocket.sessions.active").tag("endpoint", endpoint).gauge().value();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> actuatorClosed(String... tags) {
		StringBuilder uri = new StringBuilder(
				"http://localhost:" + this.port + "/actuator/metrics/websocket.sessions.closed?");
		for (String tag : tags) {
			uri.append("tag=").append(tag).append('&');
		}
		return RestClient.create()
			.get()
			.uri(URI.create(uri.toString()))
			.retrieve()
			.onStatus((status) -> status.value() == 404, (request, response) -> {
			})
			.body(Map.class);
	}

	@SuppressWarnings("unchecked")
	private static double count(Map<String, Object> response) {
		if (response == null || !response.containsKey("measurements")) {
			return 0;
		}
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) response.get("measurements");
		return measurements.stream()
			.filter((m) -> "COUNT".equals(m.get("statistic")))
			.mapToDouble((m) -> ((Number) m.get("value")).doubleValue())
			.sum();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, List<String>> availableTags(Map<String, Object> response) {
		List<Map<String, Object>> tags = (List<Map<String, Object>>) response.get("availableTags");
		return tags.stream()
			.collect(java.util.stream.Collectors.toMap((tag) -> (String) tag.get("tag"),
					(tag) -> (List<String>) tag.get("values")));
	}

}
