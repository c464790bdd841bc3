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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.CloseCause;
import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.testsupport.RawWebSocketClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.messaging.SessionConnectEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The causes of STOMP closes on a real embedded Tomcat, with raw WebSocket clients that
 * speak STOMP frame by frame: Spring's first-message check, the simple broker's
 * heart-beat task, the client's {@code DISCONNECT}, a frame STOMP cannot decode, and the
 * two cases read as a broader cause: an ERROR frame of the application and a frame a
 * {@code ChannelInterceptor} rejects.
 */
@SpringBootTest(classes = StompCloseCauseTests.StompApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class StompCloseCauseTests {

	private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

	private static final String FORBIDDEN = "/topic/forbidden";

	@LocalServerPort
	private int port;

	@Autowired
	private StompApplication application;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	@Qualifier("clientOutboundChannel")
	private MessageChannel clientOutboundChannel;

	@Test
	void sessionThatSendsNothingWithinTimeToFirstMessageIsNoFirstMessage() throws Exception {
		String silent = UUID.randomUUID().toString();
		try (RawWebSocketClient client = connect(silent)) {
			// Spring checks for silent sessions when another session opens
			await().atMost(EVENT_TIMEOUT).pollInterval(Duration.ofMillis(600)).untilAsserted(() -> {
				try (RawWebSocketClient probe = connect("probe")) {
					probe.sendText(connectFrame("0,0"));
					probe.readFrame();
				}
				assertThat(eventsOf(silent)).hasSize(1);
			});
			assertThat(client.readUntilClose().closeCode()).isEqualTo(4500);
		}
		WebSocketSessionClosedEvent event = eventsOf(silent).get(0);
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.NO_FIRST_MESSAGE);
		assertThat(event.getCode()).isEqualTo(4500);
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(event.getMessagesReceived()).isZero();
		assertThat(counted(event)).isPositive();
	}

	@Test
	void clientWhoseHeartBeatsStopIsHeartbeatTimeout() throws Exception {
		String id = UUID.randomUUID().toString();
		try (RawWebSocketClient client = connect(id)) {
			client.sendText(connectFrame("1000,0"));
			assertThat(client.readFrame().text()).startsWith("CONNECTED");
			// the client sends no heart-beat from now on
			await().atMost(EVENT_TIMEOUT).until(() -> !eventsOf(id).isEmpty());
		}
		WebSocketSessionClosedEvent event = eventsOf(id).get(0);
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.HEARTBEAT_TIMEOUT);
		assertThat(event.getCode()).isEqualTo(1002);
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(event.getMessagesReceived()).isEqualTo(1);
		assertThat(counted(event)).isPositive();
	}

	@Test
	void clientDisconnectIsPeerClosed() throws Exception {
		String id = UUID.randomUUID().toString();
		try (RawWebSocketClient client = connect(id)) {
			client.sendText(connectFrame("0,0"));
			assertThat(client.readFrame().text()).startsWith("CONNECTED");
			client.sendText("DISCONNECT\n\n\0");
			RawWebSocketClient.Frame close = client.readUntilClose();
			client.sendClose(close.closeCode(), "");
		}
		WebSocketSessionClosedEvent event = awaitEventOf(id);
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.PEER_CLOSED);
		assertThat(event.getCode()).isEqualTo(1002);
		assertThat(event.getMessagesReceived()).isEqualTo(2);
		assertThat(counted(event)).isPositive();
	}

	@Test
	void clientDisconnectWithAReceiptThenCloseIsPeerClosed() throws Exception {
		String id = UUID.randomUUID().toString();
		try (RawWebSocketClient client = connect(id)) {
			client.sendText(connectFrame("0,0"));
			assertThat(client.readFrame().text()).startsWith("CONNECTED");
			client.sendText("DISCONNECT\nreceipt:77\n\n\0");
			assertThat(client.readFrame().text()).startsWith("RECEIPT");
			client.sendClose(1000, "");
			client.readUntilClose();
		}
		WebSocketSessionClosedEvent event = awaitEventOf(id);
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.PEER_CLOSED);
		assertThat(event.getCode()).isEqualTo(1000);
		assertThat(event.getInitiator()).isEqualTo(Initiator.CLIENT);
		assertThat(event.getMessagesSent()).isEqualTo(2);
	}

	@Test
	void frameStompCannotDecodeIsProtocolError() throws Exception {
		String id = UUID.randomUUID().toString();
		try (RawWebSocketClient client = connect(id)) {
			client.sendText("BOGUS\n\n\0");
			assertThat(client.readFrame().text()).startsWith("ERROR");
			RawWebSocketClient.Frame close = client.readUntilClose();
			client.sendClose(close.closeCode(), "");
		}
		WebSocketSessionClosedEvent event = awaitEventOf(id);
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.PROTOCOL_ERROR);
		assertThat(event.getCode()).isEqualTo(1002);
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(counted(event)).isPositive();
	}

	/**
	 * An ERROR frame the application sends a client of its own accord (here from the test
	 * thread, through the client outbound channel) closes the session with 1002 from
	 * outside the client's messages, as the broker's heart-beat task does: it is read as
	 * the broader {@code heartbeat_timeout} (docs/causes.md, what cannot be told apart).
	 */
	@Test
	void errorFrameTheApplicationSendsIsReadAsAHeartbeatTimeout() throws Exception {
		String id = UUID.randomUUID().toString();
		try (RawWebSocketClient client = connect(id)) {
			client.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\ntest-id:" + id + "\n\n\0");
			assertThat(client.readFrame().text()).startsWith("CONNECTED");
			// Spring publishes the SessionConnectEvent after it hands CONNECT to the
			// broker, so the CONNECTED frame can come first
			await().atMost(EVENT_TIMEOUT).until(() -> this.application.sessionIds.containsKey(id));
			StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
			error.setSessionId(this.application.sessionIds.get(id));
			error.setMessage("Account suspended");
			this.clientOutboundChannel.send(MessageBuilder.createMessage(new byte[0], error.getMessageHeaders()));
			RawWebSocketClient.Frame close = readCloseAfterAnyError(client, "message:Account suspended");
			assertThat(close.closeCode()).isEqualTo(1002);
			client.sendClose(close.closeCode(), "");
		}
		WebSocketSessionClosedEvent event = awaitEventOf(id);
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.HEARTBEAT_TIMEOUT);
		assertThat(event.getCode()).isEqualTo(1002);
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(counted(event)).isPositive();
	}

	/**
	 * A {@code ChannelInterceptor} that rejects a client's frame has Spring answer it as
	 * a frame it could not decode, while the client's message is handled: the broader
	 * {@code protocol_error}.
	 */
	@Test
	void frameAChannelInterceptorRejectsIsProtocolError() throws Exception {
		String id = UUID.randomUUID().toString();
		try (RawWebSocketClient client = connect(id)) {
			client.sendText(connectFrame("0,0"));
			assertThat(client.readFrame().text()).startsWith("CONNECTED");
			client.sendText("SUBSCRIBE\nid:0\ndestination:" + FORBIDDEN + "\n\n\0");
			RawWebSocketClient.Frame close = readCloseAfterAnyError(client, "ERROR");
			assertThat(close.closeCode()).isEqualTo(1002);
			client.sendClose(close.closeCode(), "");
		}
		WebSocketSessionClosedEvent event = awaitEventOf(id);
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.PROTOCOL_ERROR);
		assertThat(event.getCode()).isEqualTo(1002);
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(event.getMessagesReceived()).isEqualTo(2);
		assertThat(counted(event)).isPositive();
	}

	/**
	 * Read the close frame that follows Spring's ERROR frame, and the ERROR frame if it
	 * comes: Spring sends the ERROR frame, then closes, through a
	 * {@code ConcurrentWebSocketSessionDecorator}, which buffers the ERROR frame while
	 * another thread is still sending (here the CONNECTED frame, on a busy machine) and
	 * then lets the close go out without it. What wsclose reports is the same either way.
	 * An ERROR frame that comes must contain {@code expected}.
	 */
	private static RawWebSocketClient.Frame readCloseAfterAnyError(RawWebSocketClient client, String expected)
			throws IOException {
		RawWebSocketClient.Frame frame = client.readFrame();
		while (frame.opcode() != RawWebSocketClient.CLOSE) {
			assertThat(frame.text()).startsWith("ERROR").contains(expected);
			frame = client.readFrame();
		}
		return frame;
	}

	private RawWebSocketClient connect(String id) throws IOException {
		return RawWebSocketClient.connect(this.port, "/stomp-causes?id=" + id);
	}

	private static String connectFrame(String heartBeat) {
		return "CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:" + heartBeat + "\n\n\0";
	}

	private List<WebSocketSessionClosedEvent> eventsOf(String id) {
		return this.application.events.stream()
			.filter((event) -> event.getUri() != null && ("id=" + id).equals(event.getUri().getRawQuery()))
			.toList();
	}

	private WebSocketSessionClosedEvent awaitEventOf(String id) {
		await().atMost(EVENT_TIMEOUT).until(() -> !eventsOf(id).isEmpty());
		return eventsOf(id).get(0);
	}

	private double counted(WebSocketSessionClosedEvent event) {
		return this.registry.get("websocket.sessions.closed")
			.tags("endpoint", "/stomp-causes", "cause", event.getCloseCause().tagValue(), "code",
					Integer.toString(event.getCode()))
			.counter()
			.count();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebSocketMessageBroker
	static class StompApplication implements WebSocketMessageBrokerConfigurer {

		final List<WebSocketSessionClosedEvent> events = new CopyOnWriteArrayList<>();

		/**
		 * The STOMP session id of each client that sent a {@code test-id} header with its
		 * CONNECT frame.
		 */
		final Map<String, String> sessionIds = new ConcurrentHashMap<>();

		@Bean
		ThreadPoolTaskScheduler heartBeatScheduler() {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setThreadNamePrefix("heart-beat-");
			return scheduler;
		}

		@EventListener
		void record(WebSocketSessionClosedEvent event) {
			this.events.add(event);
		}

		@EventListener
		void connected(SessionConnectEvent event) {
			StompHeaderAccessor connect = StompHeaderAccessor.wrap(event.getMessage());
			String testId = connect.getFirstNativeHeader("test-id");
			if (testId != null && connect.getSessionId() != null) {
				this.sessionIds.put(testId, connect.getSessionId());
			}
		}

		@Override
		public void configureClientInboundChannel(ChannelRegistration registration) {
			registration.interceptors(new ChannelInterceptor() {

				@Override
				public Message<?> preSend(Message<?> message, MessageChannel channel) {
					StompHeaderAccessor frame = StompHeaderAccessor.wrap(message);
					if (StompCommand.SUBSCRIBE.equals(frame.getCommand()) && FORBIDDEN.equals(frame.getDestination())) {
						throw new MessagingException(message, "Not allowed");
					}
					return message;
				}

			});
		}

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/stomp-causes");
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic")
				.setHeartbeatValue(new long[] { 1000, 1000 })
				.setTaskScheduler(heartBeatScheduler());
		}

		@Override
		public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
			registration.setTimeToFirstMessage(1000);
		}

	}

}
