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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.HandshakeReporter;
import io.github.wsclose.support.MappedEndpoints;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpStatus;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;

/**
 * A {@link HandlerAdapter} that goes first for every reactive {@link WebSocketHandler}
 * that a {@link WebSocketHandlerAdapter} would serve, and hands it to that adapter
 * decorated with a {@link CloseReportingWebSocketHandler}, with the
 * {@linkplain HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE pattern} the handler mapping
 * matched as endpoint.
 *
 * <p>
 * This is the one way WebFlux sessions are decorated: it sees every handler of every
 * handler mapping, and for the URL-based mappings the same pattern as their URL map. The
 * adapter that would serve a handler is chosen as the {@link DispatcherHandler} chooses:
 * the first of the context's other {@link HandlerAdapter} beans, in order, that supports
 * it. Given a {@link HandshakeReporter}, it also reports every handshake it hands on
 * ({@link HandshakeObserver}), and refuses handshakes with 503 while the application is
 * stopping. Requests refused before a handler adapter is chosen (a CORS check of the
 * handler mapping, a security filter) never reach it and are not reported.
 *
 * @since 0.1.0
 */
public class CloseReportingHandlerAdapter
		implements HandlerAdapter, Ordered, ApplicationContextAware, SmartInitializingSingleton {

	private final Supplier<CloseReporter> reporter;

	private final @Nullable Supplier<HandshakeReporter> handshakes;

	private @Nullable ApplicationContext applicationContext;

	private volatile List<HandlerAdapter> adapters = List.of();

	/**
	 * Create an adapter.
	 * @param reporter supplies the reporter, looked up when the first session opens
	 */
	public CloseReportingHandlerAdapter(Supplier<CloseReporter> reporter) {
		this(reporter, null);
	}

	/**
	 * Create an adapter that also reports handshakes.
	 * @param reporter supplies the reporter, looked up when the first session opens
	 * @param handshakes supplies the handshake reporter, looked up at startup and at the
	 * first handshake; or {@code null} to report no handshakes
	 */
	public CloseReportingHandlerAdapter(Supplier<CloseReporter> reporter,
			@Nullable Supplier<HandshakeReporter> handshakes) {
		// looked up once: a bean lookup per handshake costs more than the rest of it
		this.reporter = SingletonSupplier.of(reporter)::obtain;
		this.handshakes = (handshakes != null) ? SingletonSupplier.of(handshakes)::obtain : null;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	/**
	 * Find the context's other handler adapters, in the {@link DispatcherHandler}'s
	 * order, and tell the reporters the pattern of every WebSocket handler of the
	 * URL-based handler mappings, so that their meters exist from startup.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (this.applicationContext != null) {
			this.adapters = BeanFactoryUtils
				.beansOfTypeIncludingAncestors(this.applicationContext, HandlerAdapter.class, true, false)
				.values()
				.stream()
				.filter((adapter) -> adapter != this)
				.sorted(AnnotationAwareOrderComparator.INSTANCE)
				.toList();
			reportMappedEndpoints(this.applicationContext);
		}
	}

	private void reportMappedEndpoints(ApplicationContext context) {
		Set<String> endpoints = new LinkedHashSet<>();
		BeanFactoryUtils.beansOfTypeIncludingAncestors(context, AbstractUrlHandlerMapping.class, true, false)
			.values()
			.forEach((mapping) -> mapping.getHandlerMap().forEach((pattern, handler) -> {
				if (handler instanceof WebSocketHandler) {
					endpoints.add(pattern.getPatternString());
				}
			}));
		if (!endpoints.isEmpty()) {
			MappedEndpoints.announce(endpoints, this.reporter.get(),
					(this.handshakes != null) ? this.handshakes.get() : null);
		}
	}

	/**
	 * Return {@link Ordered#HIGHEST_PRECEDENCE}: this adapter claims only WebSocket
	 * handlers and must see them before any {@code WebSocketHandlerAdapter} does.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public boolean supports(Object handler) {
		return handler instanceof WebSocketHandler && adapterFor(handler) instanceof WebSocketHandlerAdapter;
	}

	@Override
	public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
		HandlerAdapter adapter = adapterFor(handler);
		if (adapter == null) {
			return Mono.error(new IllegalStateException("No adapter for handler " + handler));
		}
		String endpoint = endpointOf(exchange);
		HandshakeObserver observer = (this.handshakes != null)
				? new HandshakeObserver(this.handshakes.get(), endpoint, exchange) : null;
		if (observer != null && this.reporter.get().isShuttingDown()) {
			exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			observer.refusedWhileStopping();
			return exchange.getResponse().setComplete().then(Mono.empty());
		}
		WebSocketHandler decorated = new CloseReportingWebSocketHandler((WebSocketHandler) handler, this.reporter.get(),
				endpoint, CloseReportingWebSocketHandler.DEFAULT_GRACE_PERIOD, observer);
		Mono<HandlerResult> result = adapter.handle(exchange, decorated);
		return (observer != null) ? result.doOnSuccess((done) -> observer.completed()).doOnError(observer::failed)
				: result;
	}

	private @Nullable HandlerAdapter adapterFor(Object handler) {
		for (HandlerAdapter adapter : this.adapters) {
			if (adapter.supports(handler)) {
				return adapter;
			}
		}
		return null;
	}

	private static @Nullable String endpointOf(ServerWebExchange exchange) {
		Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return (pattern != null) ? pattern.toString() : null;
	}

}
