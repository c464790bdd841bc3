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

package io.github.wsclose.reactive.it;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A WebFlux application with no wsclose code of its own: one scripted handler mapped at
 * {@code /echo} and {@code /rooms/{room}} with a {@link SimpleUrlHandlerMapping}, a meter
 * registry and a recorder of close events. The server comes from the test's
 * configuration.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WebFluxTestApplication {

	static final String ECHO = "/echo";

	static final String ROOMS = "/rooms/{room}";

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	RecordedCloseEvents recordedCloseEvents() {
		return new RecordedCloseEvents();
	}

	@Bean
	HandlerMapping webSocketMapping() {
		ScriptedHandler handler = new ScriptedHandler();
		return new SimpleUrlHandlerMapping(Map.of(ECHO, handler, ROOMS, handler), -1);
	}

	/**
	 * Echoes text; {@code close:CODE:REASON} closes the session from the server and
	 * {@code fail} ends the handler with an error. With the query {@code fail}, the
	 * handler fails before it reads anything; with {@code complete}, it sends one message
	 * and completes; with {@code idle}, it never reads and never ends.
	 */
	static class ScriptedHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			String query = session.getHandshakeInfo().getUri().getQuery();
			if ("fail".equals(query)) {
				return Mono.error(new IllegalStateException("handler failed on purpose"));
			}
			if ("idle".equals(query)) {
				return Mono.never();
			}
			if ("complete".equals(query)) {
				return session.send(Mono.just(session.textMessage("done")));
			}
			return session.send(session.receive()
				.map(WebSocketMessage::getPayloadAsText)
				.concatMap((text) -> reply(session, text)));
		}

		private Mono<WebSocketMessage> reply(WebSocketSession session, String text) {
			if (text.startsWith("close:")) {
				String[] parts = text.split(":", 3);
				return session.close(new CloseStatus(Integer.parseInt(parts[1]), parts[2])).then(Mono.empty());
			}
			if (text.equals("fail")) {
				return Mono.error(new IllegalStateException("handler failed on purpose"));
			}
			return Mono.just(session.textMessage(text));
		}

	}

}
