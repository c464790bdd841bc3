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

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.github.wsclose.CloseCause;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.testsupport.RawWebSocketClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Reactor Netty read timeout ends a silent session: {@code idle_timeout}, whatever code
 * Netty makes of it, with the counts and the idle time of what happened before.
 */
@SpringBootTest(classes = { WebFluxTestApplication.class, Servers.ReactorNetty.class,
		ReactorNettyReadTimeoutTests.ReadTimeout.class }, webEnvironment = WebEnvironment.RANDOM_PORT)
class ReactorNettyReadTimeoutTests {

	private static final String PATH = "/read-timeout";

	@LocalServerPort
	private int port;

	@Autowired
	private RecordedCloseEvents events;

	@Autowired
	private MeterRegistry registry;

	@Test
	void readTimeoutOfASilentSessionIsAnIdleTimeout() throws IOException {
		this.events.clear();
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, PATH)) {
			client.sendText("hello");
			assertThat(client.readFrame().text()).isEqualTo("hello");
			client.awaitEndOfConnection();
		}
		WebSocketSessionClosedEvent event = this.events.awaitExactlyOne();
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.IDLE_TIMEOUT);
		// Reactor Netty answers the timeout with its own 1002, and the timeout is the
		// session's transport error
		assertThat(event.getCode()).isEqualTo(1002);
		assertThat(event.isClean()).isFalse();
		assertThat(event.getTransportError()).isInstanceOf(ReadTimeoutException.class);
		assertThat(event.getMessagesReceived()).isEqualTo(1);
		assertThat(event.getMessagesSent()).isEqualTo(1);
		assertThat(event.getIdleTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.registry.get("websocket.sessions.closed")
			.tags("endpoint", PATH, "cause", "idle_timeout")
			.counter()
			.count()).isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	static class ReadTimeout {

		@Bean
		HandlerMapping readTimeoutMapping() {
			return new SimpleUrlHandlerMapping(Map.of(PATH, new EchoHandler()), -2);
		}

		/**
		 * Puts Netty's {@link ReadTimeoutHandler} (1 s) in the pipeline of the
		 * connections that open {@value #PATH}, as an application does for all of them
		 * with an {@code HttpServer} customizer.
		 */
		@Bean
		WebFilter readTimeoutOfOneSecond() {
			return (exchange, chain) -> {
				if (exchange.getRequest().getPath().value().equals(PATH)) {
					ServerHttpRequest request = exchange.getRequest();
					while (request instanceof ServerHttpRequestDecorator decorator) {
						request = decorator.getDelegate();
					}
					HttpServerRequest netty = ((AbstractServerHttpRequest) request).getNativeRequest();
					netty.withConnection(
							(connection) -> connection.channel().pipeline().addFirst(new ReadTimeoutHandler(1)));
				}
				return chain.filter(exchange);
			};
		}

	}

	/**
	 * Echoes text.
	 */
	static class EchoHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session.send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
		}

	}

}
