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
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
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
 * Netty makes of it, with the counts and the idle time of what happened before; a
 * connection closed on an {@code IdleStateHandler}'s event is a lost connection.
 */
@SpringBootTest(classes = { WebFluxTestApplication.class, Servers.ReactorNetty.class,
		ReactorNettyReadTimeoutTests.ReadTimeout.class }, webEnvironment = WebEnvironment.RANDOM_PORT)
class ReactorNettyReadTimeoutTests {

	private static final String PATH = "/read-timeout";

	private static final String IDLE_STATE_PATH = "/idle-state";

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

	/**
	 * An {@code IdleStateHandler} only fires an event, and whatever closes the connection
	 * on it ends the session with no close frame and no error: nothing tells it from a
	 * lost connection, so it is read as the broader {@code connection_lost}
	 * (docs/causes.md, what cannot be told apart).
	 */
	@Test
	void connectionClosedOnAnIdleStateEventIsAConnectionLost() throws IOException {
		this.events.clear();
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, IDLE_STATE_PATH)) {
			client.sendText("hello");
			assertThat(client.readFrame().text()).isEqualTo("hello");
			client.awaitEndOfConnection();
		}
		WebSocketSessionClosedEvent event = this.events.awaitExactlyOne();
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.CONNECTION_LOST);
		assertThat(event.getCode()).isEqualTo(1006);
		assertThat(event.isClean()).isFalse();
		assertThat(event.getMessagesReceived()).isEqualTo(1);
		assertThat(event.getIdleTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.registry.get("websocket.sessions.closed")
			.tags("endpoint", IDLE_STATE_PATH, "cause", "connection_lost")
			.counter()
			.count()).isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	static class ReadTimeout {

		@Bean
		HandlerMapping readTimeoutMapping() {
			return new SimpleUrlHandlerMapping(Map.of(PATH, new EchoHandler(), IDLE_STATE_PATH, new EchoHandler()), -2);
		}

		/**
		 * Puts Netty's {@link ReadTimeoutHandler} (1 s) in the pipeline of the
		 * connections that open {@value #PATH}, as an application does for all of them
		 * with an {@code HttpServer} customizer.
		 */
		@Bean
		WebFilter readTimeoutOfOneSecond() {
			return (exchange, chain) -> {
				String path = exchange.getRequest().getPath().value();
				if (path.equals(PATH)) {
					nettyRequest(exchange.getRequest()).withConnection(
							(connection) -> connection.channel().pipeline().addFirst(new ReadTimeoutHandler(1)));
				}
				else if (path.equals(IDLE_STATE_PATH)) {
					nettyRequest(exchange.getRequest()).withConnection((connection) -> connection.channel()
						.pipeline()
						.addFirst(new IdleStateHandler(1, 0, 0), new CloseWhenIdle()));
				}
				return chain.filter(exchange);
			};
		}

		private static HttpServerRequest nettyRequest(ServerHttpRequest request) {
			while (request instanceof ServerHttpRequestDecorator decorator) {
				request = decorator.getDelegate();
			}
			return ((AbstractServerHttpRequest) request).getNativeRequest();
		}

	}

	/**
	 * Closes the connection on Netty's {@link IdleStateEvent}, as an application that
	 * uses an {@code IdleStateHandler} for its idle timeout does.
	 */
	static class CloseWhenIdle extends ChannelInboundHandlerAdapter {

		@Override
		public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
			if (event instanceof IdleStateEvent) {
				context.close();
			}
			else {
				super.userEventTriggered(context, event);
			}
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
