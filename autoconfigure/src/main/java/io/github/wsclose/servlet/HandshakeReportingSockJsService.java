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

import java.net.URI;
import java.net.URISyntaxException;

import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.HandshakeReporter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.Lifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.sockjs.SockJsException;
import org.springframework.web.socket.sockjs.SockJsService;

/**
 * A {@link SockJsService} that reports the SockJS requests of one endpoint that the
 * origin check refuses before any transport session exists, and otherwise does what the
 * service it decorates does.
 *
 * <p>
 * A SockJS service with allowed origins is its endpoint's CORS configuration: Spring
 * MVC's handler mapping checks a cross-origin request against it before the service sees
 * the request, and answers 403 when the {@code Origin} is not allowed. A SockJS client
 * from a refused origin is therefore turned away on its first request, usually
 * {@code /info}, by that check. The configuration this service hands the mapping is a
 * copy of the service's whose {@link CorsConfiguration#checkOrigin(String)} reports a
 * refusal as {@link HandshakeOutcome#ORIGIN_REJECTED} (403), for {@code /info}, the
 * transports (the WebSocket transport among them) and preflight requests alike. With CORS
 * suppressed, the service checks {@code /info} itself; a 403 it answers there is reported
 * the same way. Refusals of a transport's first request by the handshake interceptors are
 * reported by {@link HandshakeReportingInterceptors}.
 *
 * <p>
 * Its lifecycle and servlet context are the decorated service's.
 */
final class HandshakeReportingSockJsService
		implements SockJsService, CorsConfigurationSource, Lifecycle, ServletContextAware {

	private static final String INFO = "/info";

	private final SockJsService delegate;

	private final String endpoint;

	private final HandshakeReporter handshakes;

	HandshakeReportingSockJsService(SockJsService delegate, String endpoint, HandshakeReporter handshakes) {
		this.delegate = delegate;
		this.endpoint = endpoint;
		this.handshakes = handshakes;
	}

	/**
	 * Return the service this one decorates.
	 * @return the decorated service
	 */
	SockJsService getDelegate() {
		return this.delegate;
	}

	@Override
	public void handleRequest(ServerHttpRequest request, ServerHttpResponse response, @Nullable String sockJsPath,
			WebSocketHandler handler) throws SockJsException {
		this.delegate.handleRequest(request, response, sockJsPath, handler);
		if (INFO.equals(sockJsPath) && HandshakeReportingInterceptors.status(response,
				HttpStatus.OK.value()) == HttpStatus.FORBIDDEN.value()) {
			this.handshakes.report(this.endpoint, HandshakeOutcome.ORIGIN_REJECTED, HttpStatus.FORBIDDEN.value(),
					request.getURI(), request.getHeaders().getOrigin(), request.getPrincipal(), null);
		}
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		if (!(this.delegate instanceof CorsConfigurationSource source)) {
			return null;
		}
		CorsConfiguration configuration = source.getCorsConfiguration(request);
		return (configuration != null) ? new ReportingCorsConfiguration(configuration, request) : null;
	}

	@Override
	public void setServletContext(ServletContext servletContext) {
		if (this.delegate instanceof ServletContextAware aware) {
			aware.setServletContext(servletContext);
		}
	}

	@Override
	public void start() {
		if (this.delegate instanceof Lifecycle lifecycle) {
			lifecycle.start();
		}
	}

	@Override
	public void stop() {
		if (this.delegate instanceof Lifecycle lifecycle) {
			lifecycle.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return !(this.delegate instanceof Lifecycle lifecycle) || lifecycle.isRunning();
	}

	@Override
	public String toString() {
		return "HandshakeReportingSockJsService [endpoint=" + this.endpoint + ", delegate=" + this.delegate + "]";
	}

	/**
	 * The service's CORS configuration, for one request, reporting the request when it
	 * refuses the origin.
	 */
	private final class ReportingCorsConfiguration extends CorsConfiguration {

		private final HttpServletRequest request;

		ReportingCorsConfiguration(CorsConfiguration configuration, HttpServletRequest request) {
			super(configuration);
			this.request = request;
		}

		@Override
		public @Nullable String checkOrigin(@Nullable String origin) {
			String allowed = super.checkOrigin(origin);
			if (allowed == null && origin != null) {
				HandshakeReportingSockJsService outer = HandshakeReportingSockJsService.this;
				outer.handshakes.report(outer.endpoint, HandshakeOutcome.ORIGIN_REJECTED, HttpStatus.FORBIDDEN.value(),
						uri(this.request), this.request.getHeader(HttpHeaders.ORIGIN), this.request.getUserPrincipal(),
						null);
			}
			return allowed;
		}

	}

	private static @Nullable URI uri(HttpServletRequest request) {
		StringBuffer url = request.getRequestURL();
		String query = request.getQueryString();
		if (query != null) {
			url.append('?').append(query);
		}
		try {
			return new URI(url.toString());
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
