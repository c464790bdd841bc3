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

import java.time.Duration;
import java.util.Map;

import io.github.wsclose.reactive.CloseReportingWebSocketSession;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.JettyWebSocketSession;
import org.springframework.web.reactive.socket.adapter.StandardWebSocketSession;

/**
 * The WebFlux application of the suite, with no wsclose code of its own: a scripted
 * handler mapped on {@value ConformanceBeans#ECHO} and
 * {@value ConformanceBeans#CARDINALITY} with a {@link SimpleUrlHandlerMapping}. The
 * server comes from a {@link ServerUnderTest}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ConformanceBeans.class)
class ReactiveConformanceApplication {

	@Bean
	HandlerMapping webSocketMapping() {
		ScriptedHandler handler = new ScriptedHandler();
		return new SimpleUrlHandlerMapping(
				Map.of(ConformanceBeans.ECHO, handler, ConformanceBeans.CARDINALITY, handler), -1);
	}

	/**
	 * Echoes text. {@code close:CODE[:REASON]} closes the session from the server,
	 * {@code idle:MILLIS} sets the server's idle timeout of the session (Tomcat and
	 * Jetty), {@code quiet} is not answered, and {@code boom} ends the handler with an
	 * error.
	 */
	static class ScriptedHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			if (serverSession(session) instanceof StandardWebSocketSession standard) {
				JakartaSessions.relaxCloseSendTimeout(ReflectionTestUtils.invokeMethod(standard, "getDelegate"),
						session.getHandshakeInfo().getUri());
			}
			return session.send(session.receive()
				.map(WebSocketMessage::getPayloadAsText)
				.concatMap((text) -> reply(session, text)));
		}

		private Mono<WebSocketMessage> reply(WebSocketSession session, String text) {
			if (text.startsWith("close:")) {
				String[] parts = text.split(":", 3);
				return session.close(new CloseStatus(Integer.parseInt(parts[1]), (parts.length > 2) ? parts[2] : null))
					.then(Mono.empty());
			}
			if (text.startsWith("idle:")) {
				boolean supported = idleTimeout(session, Duration.ofMillis(Long.parseLong(text.substring(5))));
				return Mono.just(session.textMessage(supported ? "idle" : "idle:unsupported"));
			}
			if (text.equals("boom")) {
				return Mono.error(new IllegalStateException("boom"));
			}
			if (text.equals("quiet")) {
				return Mono.empty();
			}
			return Mono.just(session.textMessage(text));
		}

		/**
		 * Set the idle timeout of the server's own session: the Jakarta WebSocket
		 * session's on Tomcat, the Jetty session's on Jetty. Reactor Netty has no idle
		 * timeout for WebSocket connections.
		 */
		private static boolean idleTimeout(WebSocketSession session, Duration timeout) {
			WebSocketSession server = serverSession(session);
			if (server instanceof StandardWebSocketSession) {
				JakartaSessions.idleTimeout(ReflectionTestUtils.invokeMethod(server, "getDelegate"),
						timeout.toMillis());
				return true;
			}
			if (server instanceof JettyWebSocketSession) {
				org.eclipse.jetty.websocket.api.Session nativeSession = ReflectionTestUtils.invokeMethod(server,
						"getDelegate");
				nativeSession.setIdleTimeout(timeout);
				return true;
			}
			return false;
		}

		/**
		 * Return the server's own session, under the one the starter hands the handler.
		 * Its native session is only reachable through its protected
		 * {@code getDelegate()}.
		 */
		private static WebSocketSession serverSession(WebSocketSession session) {
			return (session instanceof CloseReportingWebSocketSession decorated) ? decorated.getDelegate() : session;
		}

	}

}
