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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.HandshakeReporter;
import io.github.wsclose.support.MappedEndpoints;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.ExceptionWebSocketHandlerDecorator;
import org.springframework.web.socket.handler.LoggingWebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.sockjs.SockJsService;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;
import org.springframework.web.socket.sockjs.transport.TransportHandlingSockJsService;

/**
 * Decorates every WebSocket handler served by a {@link SimpleUrlHandlerMapping} bean with
 * a {@link CloseReportingWebSocketHandler} that knows the path pattern it is mapped to.
 * This covers the mappings that {@code @EnableWebSocket} builds from every
 * {@code WebSocketConfigurer} (with and without SockJS) and the one
 * {@code @EnableWebSocketMessageBroker} builds for STOMP endpoints.
 *
 * <p>
 * The mapping's URL map is rewritten after the mapping is instantiated and before it is
 * initialized, so the mapping registers, starts and stops the rewritten request handlers
 * as its own. Each {@link WebSocketHttpRequestHandler} and
 * {@link SockJsHttpRequestHandler} is rebuilt around the decorated handler with the same
 * handshake handler, interceptors or SockJS service; no user bean is replaced. Handlers
 * already decorated, and subclasses of those request handlers, are left alone.
 *
 * <p>
 * When given a {@link HandshakeReporter}, it also reports every handshake: the
 * interceptor chain of each request handler (and of each
 * {@link TransportHandlingSockJsService}, whose interceptors it replaces in place) is
 * wrapped by {@link HandshakeReportingInterceptors}, and each SockJS service is decorated
 * by a {@link HandshakeReportingSockJsService} that sees the origin check of its
 * endpoint's requests.
 *
 * @since 0.1.0
 */
public final class CloseReportingHandlerMappingPostProcessor
		implements InstantiationAwareBeanPostProcessor, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(CloseReportingHandlerMappingPostProcessor.class);

	private final Supplier<CloseReporter> reporter;

	private final @Nullable Supplier<HandshakeReporter> handshakes;

	private final Set<String> endpoints = new LinkedHashSet<>();

	/**
	 * Create a post-processor that reports closes only.
	 * @param reporter supplies the reporter, looked up only when a mapping with WebSocket
	 * handlers is found
	 */
	public CloseReportingHandlerMappingPostProcessor(Supplier<CloseReporter> reporter) {
		this(reporter, null);
	}

	/**
	 * Create a post-processor that reports closes and handshakes.
	 * @param reporter supplies the reporter, looked up only when a mapping with WebSocket
	 * handlers is found
	 * @param handshakes supplies the handshake reporter, looked up at the same time; or
	 * {@code null} to report no handshakes
	 */
	public CloseReportingHandlerMappingPostProcessor(Supplier<CloseReporter> reporter,
			@Nullable Supplier<HandshakeReporter> handshakes) {
		this.reporter = reporter;
		this.handshakes = handshakes;
	}

	/**
	 * Rewrite the URL map of a {@link SimpleUrlHandlerMapping} before it is initialized.
	 */
	@Override
	public boolean postProcessAfterInstantiation(Object bean, String beanName) {
		if (bean instanceof SimpleUrlHandlerMapping mapping) {
			@SuppressWarnings("unchecked")
			Map<String, Object> urlMap = (Map<String, Object>) mapping.getUrlMap();
			urlMap.replaceAll((pattern, handler) -> {
				Object decorated = decorate(pattern, handler);
				if (decorated instanceof WebSocketHttpRequestHandler || decorated instanceof SockJsHttpRequestHandler) {
					this.endpoints.add(endpointOf(decorated, pattern));
				}
				if (decorated != handler && logger.isDebugEnabled()) {
					logger.debug("Reporting WebSocket closes for '" + pattern + "' of " + beanName);
				}
				return decorated;
			});
		}
		return true;
	}

	/**
	 * Tell the reporter the endpoints of the mappings, once every singleton exists, so
	 * that their meters exist from startup.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (!this.endpoints.isEmpty()) {
			MappedEndpoints.announce(this.endpoints, this.reporter.get(),
					(this.handshakes != null) ? this.handshakes.get() : null);
		}
	}

	private static String endpointOf(Object requestHandler, String pattern) {
		return (requestHandler instanceof SockJsHttpRequestHandler) ? sockJsEndpoint(pattern) : pattern;
	}

	private Object decorate(String pattern, Object handler) {
		if (handler.getClass() == WebSocketHttpRequestHandler.class) {
			WebSocketHttpRequestHandler original = (WebSocketHttpRequestHandler) handler;
			if (isDecorated(original.getWebSocketHandler())) {
				return handler;
			}
			WebSocketHttpRequestHandler rebuilt = new WebSocketHttpRequestHandler(
					decorate(original.getWebSocketHandler(), pattern), original.getHandshakeHandler());
			List<HandshakeInterceptor> interceptors = original.getHandshakeInterceptors();
			if (this.handshakes != null && !HandshakeReportingInterceptors.isWrapped(interceptors)) {
				interceptors = HandshakeReportingInterceptors.wrap(interceptors, this.reporter.get(),
						this.handshakes.get(), false);
			}
			rebuilt.setHandshakeInterceptors(interceptors);
			return rebuilt;
		}
		if (handler.getClass() == SockJsHttpRequestHandler.class) {
			SockJsHttpRequestHandler original = (SockJsHttpRequestHandler) handler;
			if (isDecorated(original.getWebSocketHandler())) {
				return handler;
			}
			String endpoint = sockJsEndpoint(pattern);
			return new SockJsHttpRequestHandler(reportHandshakes(original.getSockJsService(), endpoint),
					decorate(original.getWebSocketHandler(), endpoint));
		}
		return handler;
	}

	/**
	 * Wrap the interceptors of a SockJS service, once even when it serves several
	 * endpoints, and decorate it for the endpoint.
	 */
	private SockJsService reportHandshakes(SockJsService service, String endpoint) {
		if (this.handshakes == null || service instanceof HandshakeReportingSockJsService) {
			return service;
		}
		HandshakeReporter handshakes = this.handshakes.get();
		if (service instanceof TransportHandlingSockJsService transports
				&& !HandshakeReportingInterceptors.isWrapped(transports.getHandshakeInterceptors())) {
			transports.setHandshakeInterceptors(HandshakeReportingInterceptors
				.wrap(List.copyOf(transports.getHandshakeInterceptors()), this.reporter.get(), handshakes, true));
		}
		return new HandshakeReportingSockJsService(service, endpoint, handshakes);
	}

	/**
	 * Decorate the application's handler, inside the exception and logging decorators
	 * that the request handler's constructor adds again.
	 */
	private WebSocketHandler decorate(WebSocketHandler handler, String endpoint) {
		WebSocketHandler target = handler;
		if (handler instanceof ExceptionWebSocketHandlerDecorator exception
				&& exception.getDelegate() instanceof LoggingWebSocketHandlerDecorator logging) {
			target = logging.getDelegate();
		}
		return new CloseReportingWebSocketHandler(target, this.reporter.get(), endpoint);
	}

	private static boolean isDecorated(WebSocketHandler handler) {
		WebSocketHandler current = handler;
		while (current instanceof WebSocketHandlerDecorator decorator) {
			if (decorator instanceof CloseReportingWebSocketHandler) {
				return true;
			}
			current = decorator.getDelegate();
		}
		return false;
	}

	/**
	 * SockJS endpoints are mapped as {@code path/**}; report them by the registered path.
	 */
	static String sockJsEndpoint(String pattern) {
		if (pattern.endsWith("/**")) {
			String path = pattern.substring(0, pattern.length() - 3);
			return path.isEmpty() ? "/" : path;
		}
		return pattern;
	}

}
