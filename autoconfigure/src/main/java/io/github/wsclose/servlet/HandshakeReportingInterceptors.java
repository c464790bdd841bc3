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
import java.util.List;
import java.util.Map;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.HandshakeReporter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

/**
 * Wraps the handshake interceptor chain of a servlet WebSocket or SockJS endpoint so that
 * every handshake is reported to a {@link HandshakeReporter} exactly once, with its
 * outcome.
 *
 * <p>
 * The chain becomes: a gate that refuses handshakes while the application is stopping
 * (503, {@link HandshakeOutcome#FAILED}); each of the application's interceptors, wrapped
 * so that one returning {@code false} is reported as
 * {@link HandshakeOutcome#INTERCEPTOR_REJECTED} (or
 * {@link HandshakeOutcome#ORIGIN_REJECTED} when it is Spring's
 * {@link OriginHandshakeInterceptor}) and one throwing as
 * {@link HandshakeOutcome#FAILED}; and a last interceptor whose {@code afterHandshake}
 * tells the rest. Spring calls it after the handshake handler (or, for SockJS, the
 * transport handler) with the failure, if any: a failure is
 * {@link HandshakeOutcome#FAILED} (500), an answer of 4xx is
 * {@link HandshakeOutcome#BAD_REQUEST} ({@code AbstractHandshakeHandler} answers 400 for
 * a missing or bad {@code Upgrade}, {@code Connection} or {@code Sec-WebSocket-Key}, 405
 * for a method other than GET and 426 for an unsupported {@code Sec-WebSocket-Version}),
 * an answer of 5xx is {@link HandshakeOutcome#FAILED}, and anything else is
 * {@link HandshakeOutcome#ACCEPTED}.
 *
 * <p>
 * The endpoint is the one of the {@link CloseReportingWebSocketHandler} Spring hands the
 * interceptors, so one chain serves every endpoint of a shared SockJS service.
 */
final class HandshakeReportingInterceptors {

	private HandshakeReportingInterceptors() {
	}

	/**
	 * Return the interceptors wrapped, with the gate first and the outcome last.
	 * @param interceptors the application's interceptors, in order
	 * @param closes the close reporter, which knows whether the application is stopping
	 * @param handshakes the reporter to report the handshakes to
	 * @param sockJs whether the chain is a SockJS service's, where only the WebSocket
	 * transport upgrades
	 * @return the new chain
	 */
	static List<HandshakeInterceptor> wrap(List<HandshakeInterceptor> interceptors, CloseReporter closes,
			HandshakeReporter handshakes, boolean sockJs) {
		List<HandshakeInterceptor> wrapped = new ArrayList<>(interceptors.size() + 2);
		wrapped.add(new Gate(closes, handshakes));
		for (HandshakeInterceptor interceptor : interceptors) {
			wrapped.add(new Observed(interceptor, handshakes));
		}
		wrapped.add(new Outcome(handshakes, sockJs));
		return wrapped;
	}

	/**
	 * Return whether a chain is already wrapped.
	 * @param interceptors the chain
	 * @return whether its first interceptor is the gate
	 */
	static boolean isWrapped(List<HandshakeInterceptor> interceptors) {
		return !interceptors.isEmpty() && interceptors.get(0) instanceof Gate;
	}

	static @Nullable String endpointOf(WebSocketHandler handler) {
		WebSocketHandler current = handler;
		while (current instanceof WebSocketHandlerDecorator decorator) {
			if (decorator instanceof CloseReportingWebSocketHandler reporting) {
				return reporting.getEndpoint();
			}
			current = decorator.getDelegate();
		}
		return null;
	}

	static int status(ServerHttpResponse response, int otherwise) {
		return (response instanceof ServletServerHttpResponse servlet) ? servlet.getServletResponse().getStatus()
				: otherwise;
	}

	static void report(HandshakeReporter reporter, ServerHttpRequest request, WebSocketHandler handler,
			HandshakeOutcome outcome, int status, @Nullable Throwable error) {
		reporter.report(endpointOf(handler), outcome, status, request.getURI(), request.getHeaders().getOrigin(),
				request.getPrincipal(), error);
	}

	/**
	 * Refuses handshakes while the application is stopping.
	 */
	private static final class Gate implements HandshakeInterceptor {

		private final CloseReporter closes;

		private final HandshakeReporter handshakes;

		Gate(CloseReporter closes, HandshakeReporter handshakes) {
			this.closes = closes;
			this.handshakes = handshakes;
		}

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) {
			if (!this.closes.isShuttingDown()) {
				return true;
			}
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			report(this.handshakes, request, wsHandler, HandshakeOutcome.FAILED, HttpStatus.SERVICE_UNAVAILABLE.value(),
					null);
			return false;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				@Nullable Exception exception) {
		}

		@Override
		public String toString() {
			return "WebSocket handshake gate (wsclose)";
		}

	}

	/**
	 * One of the application's interceptors, whose refusals and failures are reported.
	 */
	private static final class Observed implements HandshakeInterceptor {

		private final HandshakeInterceptor delegate;

		private final HandshakeReporter handshakes;

		private final HandshakeOutcome refusal;

		Observed(HandshakeInterceptor delegate, HandshakeReporter handshakes) {
			this.delegate = delegate;
			this.handshakes = handshakes;
			this.refusal = (delegate instanceof OriginHandshakeInterceptor) ? HandshakeOutcome.ORIGIN_REJECTED
					: HandshakeOutcome.INTERCEPTOR_REJECTED;
		}

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) throws Exception {
			boolean proceed;
			try {
				proceed = this.delegate.beforeHandshake(request, response, wsHandler, attributes);
			}
			catch (Exception | Error ex) {
				report(this.handshakes, request, wsHandler, HandshakeOutcome.FAILED,
						HttpStatus.INTERNAL_SERVER_ERROR.value(), ex);
				throw ex;
			}
			if (!proceed) {
				report(this.handshakes, request, wsHandler, this.refusal, status(response, HttpStatus.OK.value()),
						null);
			}
			return proceed;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				@Nullable Exception exception) {
			this.delegate.afterHandshake(request, response, wsHandler, exception);
		}

		@Override
		public String toString() {
			return this.delegate.toString();
		}

	}

	/**
	 * Reports the outcome of a handshake that every interceptor let through.
	 */
	private static final class Outcome implements HandshakeInterceptor {

		private static final String WEBSOCKET_TRANSPORT = "/websocket";

		private final HandshakeReporter handshakes;

		private final boolean sockJs;

		Outcome(HandshakeReporter handshakes, boolean sockJs) {
			this.handshakes = handshakes;
			this.sockJs = sockJs;
		}

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) {
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				@Nullable Exception exception) {
			if (exception != null) {
				report(this.handshakes, request, wsHandler, HandshakeOutcome.FAILED,
						HttpStatus.INTERNAL_SERVER_ERROR.value(), exception);
				return;
			}
			boolean upgrade = !this.sockJs || request.getURI().getPath().endsWith(WEBSOCKET_TRANSPORT);
			int status = status(response, upgrade ? HttpStatus.SWITCHING_PROTOCOLS.value() : HttpStatus.OK.value());
			if (status >= 500) {
				report(this.handshakes, request, wsHandler, HandshakeOutcome.FAILED, status, null);
			}
			else if (status >= 400) {
				report(this.handshakes, request, wsHandler, HandshakeOutcome.BAD_REQUEST, status, null);
			}
			else {
				report(this.handshakes, request, wsHandler, HandshakeOutcome.ACCEPTED,
						upgrade ? HttpStatus.SWITCHING_PROTOCOLS.value() : status, null);
			}
		}

		@Override
		public String toString() {
			return "WebSocket handshake outcome (wsclose)";
		}

	}

}
