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

package io.github.wsclose.actuator.it;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A WebFlux application with one echo handler mapped at {@link Observed#ECHO} and
 * {@link Observed#ROOMS}, on the server {@link ActuatorServer} names. The message
 * {@code close:CODE:REASON} makes the handler close the session with that code and
 * reason, however long; {@code throw} makes the handler's pipeline fail.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(Observed.class)
class ReactiveApplication {

	@Bean
	HandlerMapping webSocketMapping() {
		WebSocketHandler echo = (session) -> session
			.send(session.receive().map(WebSocketMessage::getPayloadAsText).concatMap((text) -> reply(session, text)));
		return new SimpleUrlHandlerMapping(Map.of(Observed.ECHO, echo, Observed.ROOMS, echo), -1);
	}

	private static Mono<WebSocketMessage> reply(WebSocketSession session, String text) {
		if (text.startsWith("close:")) {
			return close(session, text);
		}
		if (text.equals("throw")) {
			return Mono.error(new IllegalStateException("the handler was asked to throw"));
		}
		return Mono.just(session.textMessage(text));
	}

	private static Mono<WebSocketMessage> close(WebSocketSession session, String text) {
		String[] parts = text.split(":", 3);
		return session.close(new CloseStatus(Integer.parseInt(parts[1]), parts[2])).then(Mono.empty());
	}

}
