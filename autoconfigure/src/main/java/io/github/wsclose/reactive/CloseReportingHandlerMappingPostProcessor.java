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

import java.util.Map;
import java.util.function.Supplier;

import io.github.wsclose.CloseReporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * Decorates every reactive {@link WebSocketHandler} in the URL map of a
 * {@link SimpleUrlHandlerMapping} bean with a {@link CloseReportingWebSocketHandler} that
 * knows the path pattern it is mapped to. This is how WebFlux applications map their
 * WebSocket handlers.
 *
 * <p>The URL map is rewritten after the mapping is instantiated and before it is
 * initialized, so the mapping registers the decorators as its handlers; no user bean is
 * replaced. Handlers that are already decorated are left alone, and so are handler bean
 * names and handlers that are their own {@link CorsConfigurationSource} (the mapping
 * would no longer see their CORS configuration): the {@link CloseReportingHandlerAdapter}
 * reports those.
 *
 * @since 0.1.0
 */
public final class CloseReportingHandlerMappingPostProcessor implements InstantiationAwareBeanPostProcessor {

	private static final Log logger = LogFactory.getLog(CloseReportingHandlerMappingPostProcessor.class);

	private final Supplier<CloseReporter> reporter;

	/**
	 * Create a post-processor.
	 * @param reporter supplies the reporter, looked up only when a mapping with WebSocket
	 * handlers is found
	 */
	public CloseReportingHandlerMappingPostProcessor(Supplier<CloseReporter> reporter) {
		this.reporter = reporter;
	}

	@Override
	public boolean postProcessAfterInstantiation(Object bean, String beanName) {
		if (bean instanceof SimpleUrlHandlerMapping mapping) {
			@SuppressWarnings("unchecked")
			Map<String, Object> urlMap = (Map<String, Object>) mapping.getUrlMap();
			urlMap.replaceAll((pattern, handler) -> {
				Object decorated = decorate(pattern, handler);
				if (decorated != handler && logger.isDebugEnabled()) {
					logger.debug("Reporting WebSocket closes for '" + pattern + "' of " + beanName);
				}
				return decorated;
			});
		}
		return true;
	}

	private Object decorate(String pattern, Object handler) {
		if (handler instanceof WebSocketHandler webSocketHandler
				&& !(handler instanceof CloseReportingWebSocketHandler)
				&& !(handler instanceof CorsConfigurationSource)) {
			return new CloseReportingWebSocketHandler(webSocketHandler, this.reporter.get(), endpoint(pattern));
		}
		return handler;
	}

	/**
	 * The pattern as the mapping registers it, with a leading slash.
	 */
	private static String endpoint(String pattern) {
		return pattern.startsWith("/") ? pattern : "/" + pattern;
	}

}
