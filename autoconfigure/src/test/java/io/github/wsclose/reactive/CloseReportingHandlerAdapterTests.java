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

package io.github.wsclose.reactive;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloseReportingHandlerAdapter}.
 */
class CloseReportingHandlerAdapterTests {

	private final CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of());

	private final RecordingWebSocketService webSocketService = new RecordingWebSocketService();

	private final WebSocketHandler handler = (session) -> Mono.empty();

	@Test
	void webSocketHandlerIsHandedToTheWebSocketHandlerAdapterDecoratedWithTheMatchedPattern() {
		try (GenericApplicationContext context = context(new WebSocketHandlerAdapter(this.webSocketService))) {
			CloseReportingHandlerAdapter adapter = context.getBean(CloseReportingHandlerAdapter.class);
			MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/chat/7"));
			exchange.getAttributes()
				.put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
						PathPatternParser.defaultInstance.parse("/chat/{id}"));
			assertThat(adapter.supports(this.handler)).isTrue();
			adapter.handle(exchange, this.handler).block();
			assertThat(this.webSocketService.handlers).singleElement()
				.isInstanceOfSatisfying(CloseReportingWebSocketHandler.class, (decorated) -> {
					assertThat(decorated.getEndpoint()).isEqualTo("/chat/{id}");
					assertThat(decorated.getDelegate()).isSameAs(this.handler);
				});
		}
	}

	@Test
	void endpointIsUnknownWhenTheHandlerMappingDoesNotTellThePattern() {
		try (GenericApplicationContext context = context(new WebSocketHandlerAdapter(this.webSocketService))) {
			context.getBean(CloseReportingHandlerAdapter.class)
				.handle(MockServerWebExchange.from(MockServerHttpRequest.get("/chat")), this.handler)
				.block();
			assertThat(this.webSocketService.handlers).singleElement()
				.isInstanceOfSatisfying(CloseReportingWebSocketHandler.class,
						(decorated) -> assertThat(decorated.getEndpoint()).isNull());
		}
	}

	@Test
	void handlerOfASimpleUrlHandlerMappingIsReportedUnderThePatternOfItsUrlMap() {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/rooms/{room}", this.handler));
		mapping.setApplicationContext(new GenericApplicationContext());
		mapping.initApplicationContext();
		try (GenericApplicationContext context = context(new WebSocketHandlerAdapter(this.webSocketService))) {
			MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/rooms/blue"));
			Object handler = mapping.getHandler(exchange).block();
			assertThat(handler).isSameAs(this.handler);
			context.getBean(CloseReportingHandlerAdapter.class).handle(exchange, this.handler).block();
			assertThat(this.webSocketService.handlers).singleElement()
				.isInstanceOfSatisfying(CloseReportingWebSocketHandler.class,
						(decorated) -> assertThat(decorated.getEndpoint()).isEqualTo("/rooms/{room}"));
		}
	}

	@Test
	void handlerDecoratedByHandIsDecoratedAgainAndItsSessionsAreReportedByTheOuterDecorator() {
		CloseReportingWebSocketHandler byHand = new CloseReportingWebSocketHandler(this.handler, this.reporter,
				"/by-hand");
		try (GenericApplicationContext context = context(new WebSocketHandlerAdapter(this.webSocketService))) {
			context.getBean(CloseReportingHandlerAdapter.class)
				.handle(MockServerWebExchange.from(MockServerHttpRequest.get("/chat")), byHand)
				.block();
			assertThat(this.webSocketService.handlers).singleElement()
				.isInstanceOfSatisfying(CloseReportingWebSocketHandler.class,
						(decorated) -> assertThat(decorated.getDelegate()).isSameAs(byHand));
		}
	}

	@Test
	void otherHandlersAreNotClaimed() {
		try (GenericApplicationContext context = context(new WebSocketHandlerAdapter(this.webSocketService))) {
			assertThat(context.getBean(CloseReportingHandlerAdapter.class).supports(new Object())).isFalse();
		}
	}

	@Test
	void webSocketHandlersThatNoWebSocketHandlerAdapterWouldServeAreNotClaimed() {
		try (GenericApplicationContext context = context(new WebSocketHandlerAdapter(this.webSocketService),
				new ApplicationAdapter())) {
			assertThat(context.getBean(CloseReportingHandlerAdapter.class).supports(this.handler)).isFalse();
		}
		try (GenericApplicationContext context = context()) {
			assertThat(context.getBean(CloseReportingHandlerAdapter.class).supports(this.handler)).isFalse();
		}
	}

	@Test
	void adapterGoesFirst() {
		assertThat(new CloseReportingHandlerAdapter(() -> this.reporter).getOrder())
			.isEqualTo(Ordered.HIGHEST_PRECEDENCE);
	}

	private GenericApplicationContext context(HandlerAdapter... adapters) {
		GenericApplicationContext context = new GenericApplicationContext();
		for (int i = 0; i < adapters.length; i++) {
			HandlerAdapter adapter = adapters[i];
			context.registerBean("adapter" + i, HandlerAdapter.class, () -> adapter);
		}
		context.registerBean(CloseReportingHandlerAdapter.class,
				() -> new CloseReportingHandlerAdapter(() -> this.reporter));
		context.refresh();
		return context;
	}

	/**
	 * An application's own adapter for WebSocket handlers, ahead of WebFlux's.
	 */
	static class ApplicationAdapter implements HandlerAdapter, Ordered {

		@Override
		public boolean supports(Object handler) {
			return handler instanceof WebSocketHandler;
		}

		@Override
		public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
			return Mono.empty();
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

	static class RecordingWebSocketService implements WebSocketService {

		final List<WebSocketHandler> handlers = new CopyOnWriteArrayList<>();

		@Override
		public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
			this.handlers.add(handler);
			return Mono.empty();
		}

	}

}
