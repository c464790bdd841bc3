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

package io.github.wsclose.sample.webflux;

import java.util.Map;

import io.github.wsclose.WebSocketSessionClosedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A WebFlux application with one echo endpoint, {@code /echo}, on Reactor Netty. Send
 * {@code close:4001:bye} to have the server close with that code and reason. Every close
 * is logged by an {@code @EventListener} and counted in
 * {@code websocket.sessions.closed}; the application has no wsclose code of its own.
 */
@SpringBootApplication
public class WebFluxEchoApplication {

	private static final Log logger = LogFactory.getLog(WebFluxEchoApplication.class);

	@Bean
	HandlerMapping webSocketMapping() {
		return new SimpleUrlHandlerMapping(Map.of("/echo", new EchoHandler()), -1);
	}

	@EventListener
	void logClose(WebSocketSessionClosedEvent event) {
		logger.info("WebSocket session " + event.getSessionId() + " on " + event.getEndpoint() + " closed: "
				+ event.getCode() + " " + event.getCloseCode().name() + ", clean=" + event.isClean() + ", initiator="
				+ event.getInitiator() + ", lived " + event.getDuration());
	}

	public static void main(String[] args) {
		SpringApplication.run(WebFluxEchoApplication.class, args);
	}

	/**
	 * Echoes text messages; {@code close:CODE[:REASON]} closes the session from the
	 * server.
	 */
	static class EchoHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session.send(session.receive()
				.map(WebSocketMessage::getPayloadAsText)
				.concatMap((text) -> reply(session, text)));
		}

		private Mono<WebSocketMessage> reply(WebSocketSession session, String text) {
			if (text.startsWith("close:")) {
				String[] parts = text.split(":", 3);
				CloseStatus status = new CloseStatus(Integer.parseInt(parts[1]), (parts.length > 2) ? parts[2] : null);
				return session.close(status).then(Mono.empty());
			}
			return Mono.just(session.textMessage(text));
		}

	}

}
