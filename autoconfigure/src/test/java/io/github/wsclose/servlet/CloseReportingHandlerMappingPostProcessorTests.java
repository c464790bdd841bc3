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

package io.github.wsclose.servlet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.SessionClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.ExceptionWebSocketHandlerDecorator;
import org.springframework.web.socket.handler.LoggingWebSocketHandlerDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.sockjs.SockJsService;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloseReportingHandlerMappingPostProcessor}.
 */
class CloseReportingHandlerMappingPostProcessorTests {

	private final List<SessionClose> closes = new ArrayList<>();

	private final CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(this.closes::add));

	private final AtomicInteger reporterLookups = new AtomicInteger();

	private final CloseReportingHandlerMappingPostProcessor postProcessor = new CloseReportingHandlerMappingPostProcessor(
			() -> {
				this.reporterLookups.incrementAndGet();
				return this.reporter;
			});

	private final WebSocketHandler userHandler = new TextWebSocketHandler();

	private final WebSocketHandler sockJsUserHandler = new TextWebSocketHandler();

	private final HandshakeHandler handshakeHandler = (request, response, handler, attributes) -> true;

	private final List<HandshakeInterceptor> interceptors = List.of(new HttpSessionHandshakeInterceptor(),
			new OriginHandshakeInterceptor(List.of("https://example.com")));

	private final SockJsService sockJsService = (request, response, sockJsPath, handler) -> {
	};

	private final HttpRequestHandler plainHandler = (request, response) -> {
	};

	@Test
	void webSocketHandlerRegisteredUnderTwoPathsIsReportedUnderEachPath() {
		Map<String, ?> urlMap = postProcess(standardUrlMap());
		WebSocketHttpRequestHandler a = (WebSocketHttpRequestHandler) urlMap.get("/a");
		WebSocketHttpRequestHandler b = (WebSocketHttpRequestHandler) urlMap.get("/b");
		assertThat(a).isNotSameAs(b);
		assertThat(closeReporting(a.getWebSocketHandler()).getEndpoint()).isEqualTo("/a");
		assertThat(closeReporting(b.getWebSocketHandler()).getEndpoint()).isEqualTo("/b");
	}

	@Test
	void sockJsHandlerIsReportedUnderItsRegisteredPath() {
		SockJsHttpRequestHandler sockJs = (SockJsHttpRequestHandler) postProcess(standardUrlMap()).get("/sockjs/**");
		assertThat(closeReporting(sockJs.getWebSocketHandler()).getEndpoint()).isEqualTo("/sockjs");
		assertThat(sockJs.getSockJsService()).isSameAs(this.sockJsService);
		assertThat(WebSocketHandlerDecorator.unwrap(sockJs.getWebSocketHandler())).isSameAs(this.sockJsUserHandler);
	}

	@Test
	void handshakeHandlerAndInterceptorsAreKept() {
		Map<String, ?> urlMap = postProcess(standardUrlMap());
		for (String path : List.of("/a", "/b")) {
			WebSocketHttpRequestHandler rebuilt = (WebSocketHttpRequestHandler) urlMap.get(path);
			assertThat(rebuilt.getHandshakeHandler()).as(path).isSameAs(this.handshakeHandler);
			assertThat(rebuilt.getHandshakeInterceptors()).as(path).containsExactlyElementsOf(this.interceptors);
		}
	}

	@Test
	void userHandlerIsReachableThroughUnwrap() {
		Map<String, ?> urlMap = postProcess(standardUrlMap());
		for (String path : List.of("/a", "/b")) {
			WebSocketHandler decorated = ((WebSocketHttpRequestHandler) urlMap.get(path)).getWebSocketHandler();
			assertThat(WebSocketHandlerDecorator.unwrap(decorated)).as(path).isSameAs(this.userHandler);
		}
	}

	@Test
	void closeReportingSitsInsideASingleExceptionAndLoggingDecorator() {
		Map<String, ?> urlMap = postProcess(standardUrlMap());
		WebSocketHandler standard = ((WebSocketHttpRequestHandler) urlMap.get("/a")).getWebSocketHandler();
		WebSocketHandler sockJs = ((SockJsHttpRequestHandler) urlMap.get("/sockjs/**")).getWebSocketHandler();
		for (WebSocketHandler handler : List.of(standard, sockJs)) {
			assertThat(chain(handler)).extracting(Object::getClass)
				.containsExactly(ExceptionWebSocketHandlerDecorator.class, LoggingWebSocketHandlerDecorator.class,
						CloseReportingWebSocketHandler.class, TextWebSocketHandler.class);
		}
	}

	@Test
	void decoratedHandlerReportsClosesToTheReporter() throws Exception {
		WebSocketHandler handler = ((WebSocketHttpRequestHandler) postProcess(standardUrlMap()).get("/b"))
			.getWebSocketHandler();
		StubWebSocketSession session = new StubWebSocketSession("s1");
		handler.afterConnectionEstablished(session);
		handler.afterConnectionClosed(session, CloseStatus.GOING_AWAY);
		assertThat(this.closes).singleElement().satisfies((close) -> {
			assertThat(close.endpoint()).isEqualTo("/b");
			assertThat(close.code()).isEqualTo(1001);
		});
	}

	@Test
	void alreadyDecoratedHandlersAreNotDecoratedAgain() {
		WebSocketHttpRequestHandler standard = new WebSocketHttpRequestHandler(
				new CloseReportingWebSocketHandler(this.userHandler, this.reporter, "/custom"), this.handshakeHandler);
		SockJsHttpRequestHandler sockJs = new SockJsHttpRequestHandler(this.sockJsService,
				new CloseReportingWebSocketHandler(this.sockJsUserHandler, this.reporter, "/custom-sockjs"));
		Map<String, Object> urlMap = new LinkedHashMap<>();
		urlMap.put("/custom", standard);
		urlMap.put("/custom-sockjs/**", sockJs);
		Map<String, ?> processed = postProcess(urlMap);
		assertThat(processed.get("/custom")).isSameAs(standard);
		assertThat(processed.get("/custom-sockjs/**")).isSameAs(sockJs);
		assertThat(closeReporting(standard.getWebSocketHandler()).getEndpoint()).isEqualTo("/custom");
		assertThat(this.reporterLookups).hasValue(0);
	}

	@Test
	void postProcessingTheSameMappingTwiceDecoratesOnce() {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(standardUrlMap());
		this.postProcessor.postProcessAfterInstantiation(mapping, "mapping");
		Map<String, Object> once = new LinkedHashMap<>(mapping.getUrlMap());
		this.postProcessor.postProcessAfterInstantiation(mapping, "mapping");
		assertThat(mapping.getUrlMap()).isEqualTo(once);
		WebSocketHandler handler = ((WebSocketHttpRequestHandler) mapping.getUrlMap().get("/a")).getWebSocketHandler();
		assertThat(chain(handler)).filteredOn(CloseReportingWebSocketHandler.class::isInstance).hasSize(1);
	}

	@Test
	void nonWebSocketHandlersAreLeftAsTheyAre() {
		Object controller = new Object();
		Map<String, Object> urlMap = new LinkedHashMap<>();
		urlMap.put("/plain", this.plainHandler);
		urlMap.put("/controller", controller);
		urlMap.put("/by-name", "someHandlerBeanName");
		Map<String, ?> processed = postProcess(urlMap);
		assertThat(processed.get("/plain")).isSameAs(this.plainHandler);
		assertThat(processed.get("/controller")).isSameAs(controller);
		assertThat(processed.get("/by-name")).isEqualTo("someHandlerBeanName");
		assertThat(this.reporterLookups).hasValue(0);
	}

	@Test
	void subclassOfAWebSocketRequestHandlerIsLeftAsItIs() {
		WebSocketHttpRequestHandler custom = new WebSocketHttpRequestHandler(this.userHandler, this.handshakeHandler) {
		};
		assertThat(postProcess(Map.of("/custom", custom)).get("/custom")).isSameAs(custom);
	}

	@Test
	void mixedMappingDecoratesOnlyTheWebSocketEntries() {
		Map<String, Object> urlMap = standardUrlMap();
		urlMap.put("/plain", this.plainHandler);
		Map<String, ?> processed = postProcess(urlMap);
		assertThat(processed).containsOnlyKeys("/a", "/b", "/sockjs/**", "/plain");
		assertThat(processed.get("/plain")).isSameAs(this.plainHandler);
		assertThat(this.reporterLookups).hasValue(3);
	}

	@Test
	void beansOtherThanHandlerMappingsAreLeftAsTheyAre() {
		WebSocketHttpRequestHandler handler = new WebSocketHttpRequestHandler(this.userHandler, this.handshakeHandler);
		assertThat(this.postProcessor.postProcessAfterInstantiation(handler, "handler")).isTrue();
		assertThat(this.postProcessor.postProcessAfterInstantiation("text", "text")).isTrue();
		assertThat(WebSocketHandlerDecorator.unwrap(handler.getWebSocketHandler())).isSameAs(this.userHandler);
		assertThat(chain(handler.getWebSocketHandler())).noneMatch(CloseReportingWebSocketHandler.class::isInstance);
		assertThat(this.reporterLookups).hasValue(0);
	}

	@Test
	void postProcessingAHandlerMappingLetsPropertiesBeApplied() {
		assertThat(this.postProcessor.postProcessAfterInstantiation(new SimpleUrlHandlerMapping(), "mapping")).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "/**, /", "/sockjs/**, /sockjs", "/ws/{room}/**, /ws/{room}", "/a, /a", "/a/*, /a/*", "/, /" })
	void sockJsEndpointIsThePatternWithoutTheTrailingWildcard(String pattern, String endpoint) {
		assertThat(CloseReportingHandlerMappingPostProcessor.sockJsEndpoint(pattern)).isEqualTo(endpoint);
	}

	private Map<String, Object> standardUrlMap() {
		WebSocketHttpRequestHandler standard = new WebSocketHttpRequestHandler(this.userHandler, this.handshakeHandler);
		standard.setHandshakeInterceptors(this.interceptors);
		Map<String, Object> urlMap = new LinkedHashMap<>();
		urlMap.put("/a", standard);
		urlMap.put("/b", standard);
		urlMap.put("/sockjs/**", new SockJsHttpRequestHandler(this.sockJsService, this.sockJsUserHandler));
		return urlMap;
	}

	private Map<String, ?> postProcess(Map<String, ?> urlMap) {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(urlMap);
		assertThat(this.postProcessor.postProcessAfterInstantiation(mapping, "mapping")).isTrue();
		return mapping.getUrlMap();
	}

	private static List<WebSocketHandler> chain(WebSocketHandler handler) {
		List<WebSocketHandler> chain = new ArrayList<>();
		WebSocketHandler current = handler;
		chain.add(current);
		while (current instanceof WebSocketHandlerDecorator decorator) {
			current = decorator.getDelegate();
			chain.add(current);
		}
		return chain;
	}

	private static CloseReportingWebSocketHandler closeReporting(WebSocketHandler handler) {
		return chain(handler).stream()
			.filter(CloseReportingWebSocketHandler.class::isInstance)
			.map(CloseReportingWebSocketHandler.class::cast)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No CloseReportingWebSocketHandler in " + handler));
	}

}
