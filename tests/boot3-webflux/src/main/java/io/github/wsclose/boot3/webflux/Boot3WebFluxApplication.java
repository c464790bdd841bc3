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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.WebSocketSessionClosedEvent;
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
 * A Spring Boot 3.5 application on Spring WebFlux and Reactor Netty with one echo
 * endpoint, {@code /echo}, written the way a Boot 4.1 one is: send
 * {@code close:CODE:REASON} to have the server close. The closes it hears of are kept in
 * a {@link Closes} bean.
 */
@SpringBootApplication
public class Boot3WebFluxApplication {

	@Bean
	HandlerMapping webSocketMapping() {
		return new SimpleUrlHandlerMapping(Map.of("/echo", new EchoHandler()), -1);
	}

	@Bean
	Closes closes() {
		return new Closes();
	}

	public static void main(String[] args) {
		SpringApplication.run(Boot3WebFluxApplication.class, args);
	}

	/**
	 * The closes the application heard of, from an {@code @EventListener}.
	 */
	public static class Closes {

		private final List<WebSocketSessionClosedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onClose(WebSocketSessionClosedEvent event) {
			this.events.add(event);
		}

		/**
		 * Return the closes heard of so far, in order.
		 * @return the close events
		 */
		public List<WebSocketSessionClosedEvent> events() {
			return List.copyOf(this.events);
		}

	}

	/**
	 * Echoes text messages; {@code close:CODE:REASON} closes the session from the server.
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
				return session.close(new CloseStatus(Integer.parseInt(parts[1]), parts[2])).then(Mono.empty());
			}
			return Mono.just(session.textMessage(text));
		}

	}

}
