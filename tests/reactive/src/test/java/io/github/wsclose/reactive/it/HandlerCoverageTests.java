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

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.reactive.CloseReportingWebSocketHandler;
import io.github.wsclose.reactive.CloseReportingWebSocketSession;
import io.github.wsclose.reactive.it.TestClient.ClientView;
import io.github.wsclose.reactive.it.WebFluxTestApplication.ScriptedHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which handlers are reported, with which endpoint, when an application maps them in the
 * ways WebFlux allows and serves them through its own {@link WebSocketHandlerAdapter}.
 */
@SpringBootTest(
		classes = { WebFluxTestApplication.class, Servers.ReactorNetty.class, HandlerCoverageTests.MoreHandlers.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class HandlerCoverageTests {

	@LocalServerPort
	private int port;

	@Autowired
	private RecordedCloseEvents events;

	@Autowired
	private CountingWebSocketService applicationWebSocketService;

	@BeforeEach
	void startFromNoEvents() {
		this.events.clear();
	}

	@Test
	void handlerOfSimpleUrlHandlerMappingIsServedByTheApplicationsAdapterAndReportedOnce() {
		int served = this.applicationWebSocketService.requests.get();
		closeAfterEcho("/rooms/lobby");
		WebSocketSessionClosedEvent event = this.events.awaitExactlyOne();
		assertThat(event.getEndpoint()).isEqualTo("/rooms/{room}");
		assertThat(event.getInitiator()).isEqualTo(Initiator.CLIENT);
		assertThat(this.applicationWebSocketService.requests.get()).isEqualTo(served + 1);
	}

	@Test
	void handlerMappedByBeanNameIsReportedWithItsPattern() {
		closeAfterEcho("/by-name");
		assertThat(this.events.awaitExactlyOne().getEndpoint()).isEqualTo("/by-name");
	}

	@Test
	void handlerOfAnotherHandlerMappingIsReportedWithTheMatchedPattern() {
		closeAfterEcho("/custom/42");
		WebSocketSessionClosedEvent event = this.events.awaitExactlyOne();
		assertThat(event.getEndpoint()).isEqualTo("/custom/{id}");
		assertThat(event.getUri()).hasPath("/custom/42");
	}

	@Test
	void handlerThatIsItsOwnCorsConfigurationSourceIsReportedWithItsPattern() {
		closeAfterEcho("/cors");
		assertThat(this.events.awaitExactlyOne().getEndpoint()).isEqualTo("/cors");
	}

	@Test
	void handlerWrappedByHandIsReportedOnceUnderThePatternItIsMappedTo() {
		closeAfterEcho("/by-hand");
		assertThat(this.events.awaitExactlyOne().getEndpoint()).isEqualTo("/by-hand");
	}

	@Test
	void decoratorInsideAnApplicationsWrapperDoesNotReportTwice() {
		closeAfterEcho("/nested");
		assertThat(this.events.awaitExactlyOne().getEndpoint()).isEqualTo("/nested");
	}

	@Test
	void subProtocolOfTheHandlerIsStillNegotiated() {
		ClientView client = new TestClient(this.port).run("/protocol", List.of("v2.chat", "v1.chat"),
				(session) -> TestClient.closeAfterEcho(session, CloseStatus.NORMAL));
		assertThat(client.handshake().getSubProtocol()).isEqualTo("v1.chat");
		assertThat(this.events.awaitExactlyOne().getEndpoint()).isEqualTo("/protocol");
	}

	@Test
	void principalOfTheHandshakeIsReported() {
		closeAfterEcho("/rooms/secret?user=alice");
		Principal principal = this.events.awaitExactlyOne().getPrincipal();
		assertThat(principal).isNotNull().extracting(Principal::getName).isEqualTo("alice");
	}

	@Test
	void handlerCanReachTheServersOwnSession() {
		List<String> received = new CopyOnWriteArrayList<>();
		ClientView client = new TestClient(this.port).run("/native",
				(session) -> session.receive().doOnNext((message) -> received.add(message.getPayloadAsText())).then());
		assertThat(received).containsExactly("ReactorNettyWebSocketSession");
		// Reactor Netty closes a session whose handler completed with 1000 "Bye"
		assertThat(client.closeStatus()).isEqualTo(new CloseStatus(1000, "Bye"));
		WebSocketSessionClosedEvent event = this.events.awaitExactlyOne();
		assertThat(event.getCode()).isEqualTo(1000);
		assertThat(event.getReason()).isEqualTo("Bye");
		assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(event.isClean()).isTrue();
	}

	private void closeAfterEcho(String path) {
		new TestClient(this.port).run(path, (session) -> TestClient.closeAfterEcho(session, CloseStatus.NORMAL));
	}

	@Configuration(proxyBeanMethods = false)
	static class MoreHandlers {

		@Bean
		CountingWebSocketService applicationWebSocketService() {
			return new CountingWebSocketService();
		}

		@Bean
		WebSocketHandlerAdapter applicationWebSocketHandlerAdapter(CountingWebSocketService service) {
			return new WebSocketHandlerAdapter(service);
		}

		@Bean
		ScriptedHandler namedHandler() {
			return new ScriptedHandler();
		}

		@Bean
		SimpleUrlHandlerMapping moreWebSocketMappings(CloseReporter reporter) {
			ScriptedHandler handler = new ScriptedHandler();
			return new SimpleUrlHandlerMapping(Map.of("/by-name", "namedHandler", "/cors", new CorsAwareHandler(),
					"/by-hand", new CloseReportingWebSocketHandler(handler, reporter, "/hand-named"), "/nested",
					new ApplicationWrapper(new CloseReportingWebSocketHandler(handler, reporter, "/inner")),
					"/protocol", new SubProtocolHandler(), "/native", new NativeSessionHandler()), -2);
		}

		@Bean
		HandlerMapping customWebSocketMapping() {
			return new CustomMapping();
		}

		@Bean
		WebFilter principalFromQuery() {
			return (exchange, chain) -> {
				String user = exchange.getRequest().getQueryParams().getFirst("user");
				if (user == null) {
					return chain.filter(exchange);
				}
				Principal principal = () -> user;
				return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
			};
		}

	}

	/**
	 * WebFlux's handshake service on Reactor Netty, counting the requests it serves.
	 */
	static class CountingWebSocketService extends HandshakeWebSocketService {

		final AtomicInteger requests = new AtomicInteger();

		CountingWebSocketService() {
			super(new ReactorNettyRequestUpgradeStrategy());
		}

		@Override
		public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
			this.requests.incrementAndGet();
			return super.handleRequest(exchange, handler);
		}

	}

	/**
	 * A handler mapping that is not a {@code SimpleUrlHandlerMapping}.
	 */
	static class CustomMapping extends AbstractUrlHandlerMapping {

		CustomMapping() {
			registerHandler("/custom/{id}", new ScriptedHandler());
			setOrder(Ordered.HIGHEST_PRECEDENCE);
		}

	}

	static class CorsAwareHandler extends ScriptedHandler implements CorsConfigurationSource {

		@Override
		public CorsConfiguration getCorsConfiguration(ServerWebExchange exchange) {
			return new CorsConfiguration().applyPermitDefaultValues();
		}

	}

	static class SubProtocolHandler extends ScriptedHandler {

		@Override
		public List<String> getSubProtocols() {
			return List.of("v1.chat");
		}

	}

	/**
	 * Tells the client the type of the server's own session, then closes.
	 */
	static class NativeSessionHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			WebSocketSession nativeSession = ((CloseReportingWebSocketSession) session).getDelegate();
			return session.send(Mono.just(session.textMessage(nativeSession.getClass().getSimpleName())));
		}

	}

	/**
	 * An application's own decorator, which wsclose cannot see through.
	 */
	record ApplicationWrapper(WebSocketHandler delegate) implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return this.delegate.handle(session);
		}

	}

}
