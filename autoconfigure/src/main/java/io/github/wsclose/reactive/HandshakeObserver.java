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

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.HandshakeReporter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Watches one WebFlux handshake from the {@link CloseReportingHandlerAdapter} and reports
 * its outcome to a {@link HandshakeReporter}, once. A rejected handshake, which publishes
 * the application event, is reported on Reactor's bounded-elastic scheduler, never on a
 * server's event loop; an accepted one is reported where the server calls the session's
 * handler, as the session's opening is, so that a session costs no extra thread hop.
 *
 * <p>
 * The handshake is {@link HandshakeOutcome#ACCEPTED} as soon as the session's handler is
 * called, or when the adapter completes with a status below 400 (some servers call the
 * handler only after the adapter has completed). Otherwise the adapter's error tells:
 * {@code HandshakeWebSocketService} refuses a method other than GET with a
 * {@link MethodNotAllowedException} (405) and a missing or bad {@code Upgrade},
 * {@code Connection} or {@code Sec-WebSocket-Key} with a {@link ServerWebInputException}
 * (400), both {@link HandshakeOutcome#BAD_REQUEST}; any other
 * {@link ResponseStatusException} with a 4xx status is the application's refusal
 * ({@link HandshakeOutcome#INTERCEPTOR_REJECTED}); anything else is
 * {@link HandshakeOutcome#FAILED}, with the exception's status or 500. An adapter that
 * completes with a 4xx status and no session was refused by the upgrade itself:
 * {@link HandshakeOutcome#BAD_REQUEST}. An upgrade that fails for a request whose
 * {@code Sec-WebSocket-Version} is not 13 is {@link HandshakeOutcome#BAD_REQUEST} with
 * 426: the server has answered it with 426 itself (Reactor Netty does, and then fails the
 * upgrade with a {@code NullPointerException}).
 */
final class HandshakeObserver {

	private static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";

	private static final String RFC_6455_VERSION = "13";

	private final HandshakeReporter reporter;

	private final @Nullable String endpoint;

	private final ServerWebExchange exchange;

	private final AtomicBoolean reported = new AtomicBoolean();

	HandshakeObserver(HandshakeReporter reporter, @Nullable String endpoint, ServerWebExchange exchange) {
		this.reporter = reporter;
		this.endpoint = endpoint;
		this.exchange = exchange;
	}

	/**
	 * Return the handler, decorated to report the handshake accepted when it is called.
	 * @param handler the handler the adapter serves
	 * @return the decorated handler
	 */
	WebSocketHandler observe(WebSocketHandler handler) {
		return new WebSocketHandler() {

			@Override
			public Mono<Void> handle(WebSocketSession session) {
				report(HandshakeOutcome.ACCEPTED, HttpStatus.SWITCHING_PROTOCOLS.value(), null);
				return handler.handle(session);
			}

			@Override
			public List<String> getSubProtocols() {
				return handler.getSubProtocols();
			}

		};
	}

	/**
	 * Report a handshake the adapter completed without an error.
	 */
	void completed() {
		HttpStatusCode status = this.exchange.getResponse().getStatusCode();
		if (status == null || status.value() < 400) {
			report(HandshakeOutcome.ACCEPTED, HttpStatus.SWITCHING_PROTOCOLS.value(), null);
		}
		else {
			report(status.is5xxServerError() ? HandshakeOutcome.FAILED : HandshakeOutcome.BAD_REQUEST, status.value(),
					null);
		}
	}

	/**
	 * Report a handshake the adapter ended with an error, unless it became a session.
	 * @param error the error
	 */
	void failed(Throwable error) {
		if (error instanceof MethodNotAllowedException || error instanceof ServerWebInputException) {
			report(HandshakeOutcome.BAD_REQUEST, ((ResponseStatusException) error).getStatusCode().value(), null);
		}
		else if (!(error instanceof ResponseStatusException) && isUnsupportedVersion()) {
			report(HandshakeOutcome.BAD_REQUEST, HttpStatus.UPGRADE_REQUIRED.value(), null);
		}
		else if (error instanceof ResponseStatusException refused && refused.getStatusCode().is4xxClientError()) {
			report(HandshakeOutcome.INTERCEPTOR_REJECTED, refused.getStatusCode().value(), null);
		}
		else {
			int status = (error instanceof ResponseStatusException failure) ? failure.getStatusCode().value()
					: HttpStatus.INTERNAL_SERVER_ERROR.value();
			report(HandshakeOutcome.FAILED, status, error);
		}
	}

	/**
	 * Return whether the request asks for a WebSocket version other than RFC 6455's 13.
	 * The server answers it with 426 itself and the upgrade fails after that: Reactor
	 * Netty writes the 426 and then fails with a {@code NullPointerException}.
	 */
	private boolean isUnsupportedVersion() {
		String version = this.exchange.getRequest().getHeaders().getFirst(SEC_WEBSOCKET_VERSION);
		return version != null && !version.trim().equals(RFC_6455_VERSION);
	}

	/**
	 * Report a handshake refused because the application is stopping.
	 */
	void refusedWhileStopping() {
		report(HandshakeOutcome.FAILED, HttpStatus.SERVICE_UNAVAILABLE.value(), null);
	}

	private void report(HandshakeOutcome outcome, int status, @Nullable Throwable error) {
		if (!this.reported.compareAndSet(false, true)) {
			return;
		}
		Mono<Principal> principal = this.exchange.getPrincipal();
		if (outcome == HandshakeOutcome.ACCEPTED && principal == Mono.<Principal>empty()) {
			// no security: Mono.empty() is one shared instance, nothing to wait for
			tell(outcome, status, null, error);
			return;
		}
		Mono<Optional<Principal>> known = principal.map(Optional::of)
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(Optional.empty());
		if (outcome.isRejected()) {
			known = known.publishOn(Schedulers.boundedElastic());
		}
		known.subscribe((user) -> tell(outcome, status, user.orElse(null), error));
	}

	private void tell(HandshakeOutcome outcome, int status, @Nullable Principal principal, @Nullable Throwable error) {
		ServerHttpRequest request = this.exchange.getRequest();
		this.reporter.report(this.endpoint, outcome, status, request.getURI(), request.getHeaders().getOrigin(),
				principal, error);
	}

}
