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
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.HandshakeReporter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Watches one WebFlux handshake from the {@link CloseReportingHandlerAdapter} and reports
 * its outcome to a {@link HandshakeReporter}, once.
 *
 * <p>
 * The handshake is accepted when the server calls the handler, or when the adapter
 * completes with a status below 400; otherwise the adapter's error tells the outcome
 * ({@code docs/handshakes.md}). A rejected one publishes the application event, so it is
 * reported with the {@link ReportBatches}, never on an event loop.
 */
final class HandshakeObserver {

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
	 * Report the handshake accepted: the server calls the handler.
	 */
	void accepted() {
		report(HandshakeOutcome.ACCEPTED, HttpStatus.SWITCHING_PROTOCOLS.value(), null);
	}

	/**
	 * Report a handshake the adapter completed without an error.
	 */
	void completed() {
		HttpStatusCode status = this.exchange.getResponse().getStatusCode();
		if (status == null || status.value() < 400) {
			accepted();
		}
		else {
			report(status.is5xxServerError() ? HandshakeOutcome.FAILED : HandshakeOutcome.BAD_REQUEST, status.value(),
					null);
		}
	}

	/**
	 * Report a handshake the adapter ended with an error, unless it became a session:
	 * {@code HandshakeWebSocketService}'s method and header checks and a
	 * {@code Sec-WebSocket-Version} other than 13 (Reactor Netty answers 426 itself, then
	 * fails the upgrade with a {@code NullPointerException}) are bad requests, another
	 * 4xx {@link ResponseStatusException} is the application's refusal, anything else
	 * failed.
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

	private boolean isUnsupportedVersion() {
		String version = this.exchange.getRequest().getHeaders().getFirst("Sec-WebSocket-Version");
		return version != null && !version.trim().equals("13");
	}

	/**
	 * Report a handshake refused because the application is stopping.
	 */
	void refusedWhileStopping() {
		report(HandshakeOutcome.FAILED, HttpStatus.SERVICE_UNAVAILABLE.value(), null);
	}

	private void report(HandshakeOutcome outcome, int status, @Nullable Throwable error) {
		if (this.reported.compareAndSet(false, true)) {
			CloseReportingWebSocketHandler.withPrincipal(this.exchange.getPrincipal(), (principal) -> {
				if (outcome.isRejected()) {
					ReportBatches.SHARED.submit(() -> tell(outcome, status, principal, error));
				}
				else {
					tell(outcome, status, principal, error);
				}
				return Mono.empty();
			}).subscribe();
		}
	}

	private void tell(HandshakeOutcome outcome, int status, @Nullable Principal principal, @Nullable Throwable error) {
		ServerHttpRequest request = this.exchange.getRequest();
		this.reporter.report(this.endpoint, outcome, status, request.getURI(), request.getHeaders().getOrigin(),
				principal, error);
	}

}
