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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Session;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.server.HandshakeHandler;

/**
 * The servlet application of the suite, with no wsclose code of its own: a scripted
 * handler registered through a {@link WebSocketConfigurer} on
 * {@value ConformanceBeans#ECHO} and {@value ConformanceBeans#CARDINALITY}, a silent
 * handler on the SockJS endpoint {@value ConformanceBeans#SOCKJS}, and a STOMP endpoint
 * on {@value ConformanceBeans#STOMP} with small send limits. The server, and the
 * handshake handler that goes with it, come from a {@link ServerUnderTest}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSocket
@Import({ ConformanceBeans.class, ServletConformanceApplication.Stomp.class })
class ServletConformanceApplication implements WebSocketConfigurer {

	private final HandshakeHandler handshakeHandler;

	/**
	 * How long a STOMP session may take to send one message before it is closed with
	 * 4500.
	 */
	static final int SEND_TIME_LIMIT = 1000;

	/**
	 * How much a STOMP session may have waiting to be sent before it is closed with 4500.
	 */
	static final int SEND_BUFFER_SIZE_LIMIT = 64 * 1024;

	/** The idle timeout of STOMP sessions, in milliseconds. */
	static final int STOMP_IDLE_TIMEOUT = 2000;

	/**
	 * The idle timeout of a session that {@link #flood floods} a client that stopped
	 * reading.
	 */
	static final int FLOOD_IDLE_TIMEOUT = 5000;

	/**
	 * The heartbeat time of the SockJS endpoint, in milliseconds: 1 s, or the system
	 * property {@code wsclose.sockjs.heartbeat-time} (SockJS's default is 25 s).
	 */
	static final long SOCKJS_HEARTBEAT_TIME = Long.getLong("wsclose.sockjs.heartbeat-time", 1000);

	/**
	 * The disconnect delay of the SockJS endpoint, in milliseconds: 1 s, or the system
	 * property {@code wsclose.sockjs.disconnect-delay} (SockJS's default is 5 s).
	 */
	static final long SOCKJS_DISCONNECT_DELAY = Long.getLong("wsclose.sockjs.disconnect-delay", 1000);

	ServletConformanceApplication(HandshakeHandler handshakeHandler) {
		this.handshakeHandler = handshakeHandler;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new ScriptedHandler(), ConformanceBeans.ECHO, ConformanceBeans.CARDINALITY)
			.setHandshakeHandler(this.handshakeHandler);
		registry.addHandler(new TextWebSocketHandler(), ConformanceBeans.SOCKJS)
			.setHandshakeHandler(this.handshakeHandler)
			.withSockJS()
			.setHeartbeatTime(SOCKJS_HEARTBEAT_TIME)
			.setDisconnectDelay(SOCKJS_DISCONNECT_DELAY);
	}

	/**
	 * Echoes text. {@code close:CODE[:REASON]} closes the session from the server,
	 * {@code idle:MILLIS} sets the container's idle timeout of the session, {@code quiet}
	 * is not answered, and {@code boom} throws.
	 */
	static class ScriptedHandler extends TextWebSocketHandler {

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			if (nativeSession(session) instanceof Session standard) {
				JakartaSessions.relaxCloseSendTimeout(standard, session.getUri());
			}
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			String text = message.getPayload();
			if (text.startsWith("close:")) {
				String[] parts = text.split(":", 3);
				session.close(new CloseStatus(Integer.parseInt(parts[1]), (parts.length > 2) ? parts[2] : null));
			}
			else if (text.startsWith("idle:")) {
				idleTimeout(session, Long.parseLong(text.substring(5)));
				session.sendMessage(new TextMessage("idle"));
			}
			else if (text.equals("boom")) {
				throw new IllegalStateException("boom");
			}
			else if (text.equals("quiet")) {
				// received, not answered
			}
			else if (text.startsWith("flood:")) {
				flood(session, text.substring(6).equals("time"));
			}
			else {
				session.sendMessage(message);
			}
		}

	}

	/**
	 * Flood a client that stops reading through a
	 * {@link ConcurrentWebSocketSessionDecorator} from two threads, the way an
	 * application that broadcasts does: one send is held up by the client, and the other
	 * thread's sends exceed the send-time limit (500 ms) or the buffer-size limit (64
	 * KiB); the application then closes the session with the exception's 4500. The
	 * session's idle timeout is 5 s, ten times the send-time limit, so that the limit
	 * surely trips first (with 2 s, a busy machine let Jetty's idle timeout end the
	 * session first); on Jetty the close frame waits behind the stuck writes until then.
	 * @param session the session
	 * @param time whether to exceed the send-time limit rather than the buffer-size limit
	 */
	static void flood(WebSocketSession session, boolean time) {
		idleTimeout(session, FLOOD_IDLE_TIMEOUT);
		ConcurrentWebSocketSessionDecorator concurrent = new ConcurrentWebSocketSessionDecorator(session,
				time ? 500 : 60_000, time ? Integer.MAX_VALUE : 64 * 1024);
		TextMessage chunk = new TextMessage("x".repeat(16 * 1024));
		// either thread may be the one whose send the client holds up, and either may
		// then
		// find the limits exceeded: both close the session with the exception's 4500
		Thread stuck = new Thread(() -> sendUntilLimited(concurrent, chunk, 0), "flood-stuck");
		Thread limited = new Thread(
				() -> sendUntilLimited(concurrent, time ? new TextMessage("tick") : chunk, time ? 50 : 0),
				"flood-limited");
		stuck.setDaemon(true);
		limited.setDaemon(true);
		stuck.start();
		limited.start();
	}

	/**
	 * Send the message again and again until the session closes (for at most 30 s), and
	 * close it with the exception's status when a send finds the session's limits
	 * exceeded. The loop is bounded by time, not by a count of sends: a thread whose
	 * messages only join the buffer behind the other thread's held-up send would run
	 * through any count within the send-time limit and stop checking the limits (which
	 * let the container's idle timeout end the session first). While its messages wait in
	 * the buffer, a thread pauses 10 ms between sends instead of spinning.
	 */
	private static void sendUntilLimited(ConcurrentWebSocketSessionDecorator session, TextMessage message,
			long pauseMillis) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		try {
			while (session.isOpen() && System.nanoTime() - deadline < 0) {
				session.sendMessage(message);
				long pause = (session.getBufferSize() > 0) ? Math.max(pauseMillis, 10) : pauseMillis;
				if (pause > 0) {
					Thread.sleep(pause);
				}
			}
		}
		catch (SessionLimitExceededException ex) {
			try {
				session.close(ex.getStatus());
			}
			catch (IOException closeFailed) {
				// reported when the transport ends
			}
		}
		catch (Exception ex) {
			// the session closed under the send
		}
	}

	/**
	 * Set the container's idle timeout of one session: the Jakarta WebSocket session's on
	 * Tomcat, the Jetty session's on Jetty.
	 */
	static void idleTimeout(WebSocketSession session, long millis) {
		Object nativeSession = nativeSession(session);
		if (nativeSession instanceof Session standard) {
			JakartaSessions.idleTimeout(standard, millis);
		}
		else {
			((org.eclipse.jetty.websocket.api.Session) nativeSession).setIdleTimeout(Duration.ofMillis(millis));
		}
	}

	private static Object nativeSession(WebSocketSession session) {
		return ((NativeWebSocketSession) WebSocketSessionDecorator.unwrap(session)).getNativeSession();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketMessageBroker
	static class Stomp implements WebSocketMessageBrokerConfigurer {

		private final HandshakeHandler handshakeHandler;

		Stomp(HandshakeHandler handshakeHandler) {
			this.handshakeHandler = handshakeHandler;
		}

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint(ConformanceBeans.STOMP).setHandshakeHandler(this.handshakeHandler);
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic");
		}

		/**
		 * Small send limits, and a short idle timeout: a session whose writes are stuck
		 * behind a client that stopped reading ends at the container's idle timeout (30 s
		 * by default on Jetty).
		 */
		@Override
		public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
			registration.setSendTimeLimit(SEND_TIME_LIMIT)
				.setSendBufferSizeLimit(SEND_BUFFER_SIZE_LIMIT)
				.addDecoratorFactory((handler) -> new WebSocketHandlerDecorator(handler) {

					@Override
					public void afterConnectionEstablished(WebSocketSession session) throws Exception {
						idleTimeout(session, STOMP_IDLE_TIMEOUT);
						super.afterConnectionEstablished(session);
					}

				});
		}

	}

}
