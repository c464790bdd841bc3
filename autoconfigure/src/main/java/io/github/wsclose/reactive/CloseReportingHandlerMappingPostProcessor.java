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
import io.github.wsclose.UrlMapDecoratingPostProcessor;
import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * Decorates every reactive {@link WebSocketHandler} in the URL map of a
 * {@link SimpleUrlHandlerMapping} bean with a {@link CloseReportingWebSocketHandler} that
 * knows the path pattern it is mapped to. This is how WebFlux applications map their
 * WebSocket handlers.
 *
 * <p>
 * The URL map is rewritten after the mapping is instantiated and before it is
 * initialized, so the mapping registers the decorators as its handlers; no user bean is
 * replaced. Handlers that are already decorated are left alone, and so are handler bean
 * names and handlers that are their own {@link CorsConfigurationSource} (the mapping
 * would no longer see their CORS configuration): the {@link CloseReportingHandlerAdapter}
 * reports those.
 *
 * @since 0.1.0
 */
public final class CloseReportingHandlerMappingPostProcessor extends UrlMapDecoratingPostProcessor {

	/**
	 * Create a post-processor.
	 * @param reporter supplies the reporter, looked up only when a mapping with WebSocket
	 * handlers is found
	 */
	public CloseReportingHandlerMappingPostProcessor(Supplier<CloseReporter> reporter) {
		super(reporter);
	}

	@Override
	@SuppressWarnings("unchecked")
	protected @Nullable Map<String, Object> urlMap(Object bean) {
		return (bean instanceof SimpleUrlHandlerMapping mapping) ? (Map<String, Object>) mapping.getUrlMap() : null;
	}

	@Override
	protected Object decorate(String pattern, Object handler) {
		if (handler instanceof WebSocketHandler webSocketHandler && !(handler instanceof CloseReportingWebSocketHandler)
				&& !(handler instanceof CorsConfigurationSource)) {
			return new CloseReportingWebSocketHandler(webSocketHandler, reporter(), endpoint(pattern));
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
