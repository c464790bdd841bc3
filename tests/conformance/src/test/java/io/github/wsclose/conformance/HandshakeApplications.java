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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.WebSocketHandshakeRejectedEvent;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.testsupport.WebServerFactoryImport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The applications the handshake tests run: one endpoint per handshake outcome, on the
 * servlet stack (plain WebSocket and STOMP over SockJS) and on WebFlux.
 */
final class HandshakeApplications {

	/** An endpoint that accepts every handshake. */
	static final String OPEN = "/hs/open";

	/** An endpoint that allows only {@value #GOOD_ORIGIN}. */
	static final String ORIGIN = "/hs/origin";

	/** An endpoint whose interceptor (servlet) or service (WebFlux) refuses with 401. */
	static final String REFUSED = "/hs/refused";

	/** An endpoint whose handshake throws. */
	static final String THROWS = "/hs/throws";

	/** A STOMP over SockJS endpoint that allows only {@value #GOOD_ORIGIN}. */
	static final String STOMP = "/hs/stomp";

	/**
	 * A second STOMP over SockJS endpoint that allows only {@value #GOOD_ORIGIN}, for the
	 * accepted handshakes.
	 */
	static final String STOMP_ACCEPTED = "/hs/stomp-accepted";

	static final String GOOD_ORIGIN = "https://good.example";

	static final String EVIL_ORIGIN = "https://evil.example";

	private HandshakeApplications() {
	}

	/**
	 * Records the rejected handshakes and the session closes.
	 */
	static final class Recorder {

		final List<WebSocketHandshakeRejectedEvent> rejected = new CopyOnWriteArrayList<>();

		final List<WebSocketSessionClosedEvent> closed = new CopyOnWriteArrayList<>();

		@EventListener
		void rejected(WebSocketHandshakeRejectedEvent event) {
			this.rejected.add(event);
		}

		@EventListener
		void closed(WebSocketSessionClosedEvent event) {
			this.closed.add(event);
		}

		List<WebSocketHandshakeRejectedEvent> rejectedOn(String endpoint) {
			return this.rejected.stream().filter((event) -> event.getEndpoint().equals(endpoint)).toList();
		}

		List<WebSocketSessionClosedEvent> closedOn(String endpoint) {
			return this.closed.stream().filter((event) -> endpoint.equals(event.getEndpoint())).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Common {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Recorder handshakeRecorder() {
			return new Recorder();
		}

	}

	/**
	 * The servlet application; its server and handshake handler come from a
	 * {@link ServerUnderTest}.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebSocket
	@EnableWebSocketMessageBroker
	@Import({ Common.class, Servlet.Stomp.class })
	static class Servlet implements WebSocketConfigurer {

		private final HandshakeHandler handshakeHandler;

		Servlet(HandshakeHandler handshakeHandler) {
			this.handshakeHandler = handshakeHandler;
		}

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new TextWebSocketHandler(), OPEN).setHandshakeHandler(this.handshakeHandler);
			registry.addHandler(new TextWebSocketHandler(), ORIGIN)
				.setHandshakeHandler(this.handshakeHandler)
				.setAllowedOrigins(GOOD_ORIGIN);
			registry.addHandler(new TextWebSocketHandler(), REFUSED)
				.setHandshakeHandler(this.handshakeHandler)
				.addInterceptors(new Unauthorized());
			registry.addHandler(new TextWebSocketHandler(), THROWS).setHandshakeHandler(new Throwing());
		}

		@Configuration(proxyBeanMethods = false)
		static class Stomp implements WebSocketMessageBrokerConfigurer {

			private final HandshakeHandler handshakeHandler;

			Stomp(HandshakeHandler handshakeHandler) {
				this.handshakeHandler = handshakeHandler;
			}

			@Override
			public void registerStompEndpoints(StompEndpointRegistry registry) {
				registry.addEndpoint(STOMP, STOMP_ACCEPTED)
					.setHandshakeHandler(this.handshakeHandler)
					.setAllowedOrigins(GOOD_ORIGIN)
					.withSockJS();
			}

			@Override
			public void configureMessageBroker(MessageBrokerRegistry registry) {
				registry.enableSimpleBroker("/topic");
			}

		}

	}

	/**
	 * Refuses every handshake with 401, the way an authentication check does.
	 */
	static final class Unauthorized implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) {
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				@Nullable Exception exception) {
		}

	}

	/**
	 * A handshake handler that throws.
	 */
	static final class Throwing implements HandshakeHandler {

		@Override
		public boolean doHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				Map<String, Object> attributes) {
			throw new HandshakeFailureException("boom");
		}

	}

	/**
	 * The WebFlux application on Reactor Netty: its WebSocket service refuses
	 * {@value #REFUSED} with 401 and fails {@value #THROWS}.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Common.class, WebServerFactoryImport.ReactorNetty.class })
	static class Reactive {

		@Bean
		HandlerMapping handshakeMapping() {
			org.springframework.web.reactive.socket.WebSocketHandler echo = (session) -> session
				.send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
			return new SimpleUrlHandlerMapping(Map.of(OPEN, echo, REFUSED, echo, THROWS, echo), -1);
		}

		@Bean
		WebFluxConfigurer refusingWebSocketService() {
			return new WebFluxConfigurer() {

				@Override
				public WebSocketService getWebSocketService() {
					return new RefusingService();
				}

			};
		}

	}

	/**
	 * A WebSocket service whose application code refuses and fails handshakes, as a
	 * subclass of WebFlux's own.
	 */
	static final class RefusingService extends HandshakeWebSocketService {

		RefusingService() {
			super(new ReactorNettyRequestUpgradeStrategy());
		}

		@Override
		public Mono<Void> handleRequest(ServerWebExchange exchange,
				org.springframework.web.reactive.socket.WebSocketHandler handler) {
			String path = exchange.getRequest().getPath().value();
			if (path.equals(REFUSED)) {
				return Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED));
			}
			if (path.equals(THROWS)) {
				return Mono.error(new IllegalStateException("boom"));
			}
			return super.handleRequest(exchange, handler);
		}

	}

}
