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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloseReportingHandlerMappingPostProcessor}.
 */
class CloseReportingHandlerMappingPostProcessorTests {

	private final CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of());

	private final CloseReportingHandlerMappingPostProcessor postProcessor = new CloseReportingHandlerMappingPostProcessor(
			() -> this.reporter);

	private final WebSocketHandler handler = (session) -> Mono.empty();

	@Test
	void webSocketHandlersOfTheUrlMapAreDecoratedWithTheirPattern() {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
				Map.of("/chat", this.handler, "rooms/{room}", this.handler));
		this.postProcessor.postProcessAfterInstantiation(mapping, "webSocketMapping");
		assertThat(mapping.getUrlMap().get("/chat")).isInstanceOfSatisfying(CloseReportingWebSocketHandler.class,
				(decorated) -> {
					assertThat(decorated.getEndpoint()).isEqualTo("/chat");
					assertThat(decorated.getDelegate()).isSameAs(this.handler);
				});
		assertThat(mapping.getUrlMap().get("rooms/{room}")).isInstanceOfSatisfying(CloseReportingWebSocketHandler.class,
				(decorated) -> assertThat(decorated.getEndpoint()).isEqualTo("/rooms/{room}"));
	}

	@Test
	void otherHandlersBeanNamesCorsSourcesAndDecoratedHandlersAreLeftAlone() {
		Object other = new Object();
		CorsAwareHandler cors = new CorsAwareHandler();
		CloseReportingWebSocketHandler decorated = new CloseReportingWebSocketHandler(this.handler, this.reporter,
				"/by-hand");
		Map<String, Object> urlMap = new LinkedHashMap<>();
		urlMap.put("/other", other);
		urlMap.put("/by-name", "chatHandler");
		urlMap.put("/cors", cors);
		urlMap.put("/decorated", decorated);
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(urlMap);
		this.postProcessor.postProcessAfterInstantiation(mapping, "webSocketMapping");
		assertThat(new LinkedHashMap<String, Object>(mapping.getUrlMap())).containsExactlyEntriesOf(urlMap);
	}

	@Test
	void reporterIsNotLookedUpForMappingsWithoutWebSocketHandlers() {
		CloseReportingHandlerMappingPostProcessor postProcessor = new CloseReportingHandlerMappingPostProcessor(() -> {
			throw new IllegalStateException("looked up");
		});
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/static", new Object()));
		assertThat(postProcessor.postProcessAfterInstantiation(mapping, "resources")).isTrue();
		assertThat(postProcessor.postProcessAfterInstantiation(new Object(), "other")).isTrue();
	}

	@Test
	void mappingRegistersTheDecoratedHandlers() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.getBeanFactory().addBeanPostProcessor(this.postProcessor);
			context.registerBean(SimpleUrlHandlerMapping.class,
					() -> new SimpleUrlHandlerMapping(Map.of("/chat", this.handler)));
			context.refresh();
			Object registered = context.getBean(SimpleUrlHandlerMapping.class)
				.getHandlerMap()
				.values()
				.iterator()
				.next();
			assertThat(registered).isInstanceOfSatisfying(CloseReportingWebSocketHandler.class,
					(decorated) -> assertThat(decorated.getDelegate()).isSameAs(this.handler));
		}
	}

	static class CorsAwareHandler implements WebSocketHandler, CorsConfigurationSource {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return Mono.empty();
		}

		@Override
		public CorsConfiguration getCorsConfiguration(ServerWebExchange exchange) {
			return new CorsConfiguration();
		}

	}

}
