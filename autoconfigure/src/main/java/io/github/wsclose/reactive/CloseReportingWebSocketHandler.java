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
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.TrackedSession;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A reactive {@link WebSocketHandler} decorator that reports how each session of the
 * decorated handler ended to a {@link CloseReporter}, exactly once per session.
 *
 * <p>
 * A reactive handler has no {@code afterConnectionClosed}: the close is known from the
 * handler's {@code Mono} and the session's {@link WebSocketSession#closeStatus() close
 * status}, and reported once both have resolved (see {@code docs/reactive.md} for the
 * rules):
 * <ul>
 * <li>a close status is reported with its code and reason; an empty close status (the
 * connection ended with no close frame) is reported as 1006, which is never clean;</li>
 * <li>an error of the session's inbound messages, of the handler's {@code Mono} or of the
 * close status is the session's transport error, so the close is not clean;</li>
 * <li>this side started the close when the handler closed the session, when the handler
 * ended while the session was open and before its close status resolved (unless its
 * inbound messages failed first), or when cancelling its inbound messages closed the
 * session (as Reactor Netty does).</li>
 * </ul>
 * When one of the two does not follow the other within {@linkplain #DEFAULT_GRACE_PERIOD
 * five seconds}, the close is reported with what is known. Nothing blocks, and the
 * handler's signals reach the server unchanged.
 *
 * <p>
 * Every handler served through a {@code WebSocketHandlerAdapter} is decorated
 * automatically by {@link CloseReportingHandlerAdapter}. Wrap a handler yourself only
 * when the server does not go through WebFlux's {@code DispatcherHandler}, for example
 * when calling a {@code WebSocketService} directly: <pre class="code">
 * webSocketService.handleRequest(exchange, new CloseReportingWebSocketHandler(myHandler, closeReporter, "/chat"));
 * </pre> A session is reported once however many decorators it passes: a decorator that
 * receives the {@link CloseReportingWebSocketSession} an outer decorator passed on hands
 * it to its delegate unchanged. An application that wraps the session in a decorator of
 * its own between two decorators hides it, and then both report the session.
 *
 * @since 0.1.0
 */
public class CloseReportingWebSocketHandler implements WebSocketHandler {

	/**
	 * How long the close of a session waits for its second signal (the close status after
	 * the handler ended, or the handler's end after the close status) before it is
	 * reported with what is known.
	 */
	public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

	private final WebSocketHandler delegate;

	private final CloseReporter reporter;

	private final @Nullable String endpoint;

	private final GracePeriod gracePeriod;

	/**
	 * Create a decorator.
	 * @param delegate the handler to decorate
	 * @param reporter the reporter to report opens and closes to
	 * @param endpoint the path pattern the handler is mapped to, or {@code null} when not
	 * known (reported as {@code unknown} in meters)
	 */
	public CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter,
			@Nullable String endpoint) {
		this(delegate, reporter, endpoint, GracePeriod.DEFAULT);
	}

	CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter, @Nullable String endpoint,
			Duration gracePeriod) {
		this(delegate, reporter, endpoint, new GracePeriod(gracePeriod));
	}

	private CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter, @Nullable String endpoint,
			GracePeriod gracePeriod) {
		this.delegate = delegate;
		this.reporter = reporter;
		this.endpoint = endpoint;
		this.gracePeriod = gracePeriod;
	}

	/**
	 * Return the decorated handler.
	 * @return the delegate
	 */
	public WebSocketHandler getDelegate() {
		return this.delegate;
	}

	/**
	 * Return the path pattern this handler reports sessions on.
	 * @return the endpoint, or {@code null} when not known
	 */
	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Return the delegate's sub-protocols, so that the handshake negotiates them as
	 * without the decorator.
	 */
	@Override
	public List<String> getSubProtocols() {
		return this.delegate.getSubProtocols();
	}

	/**
	 * Handle a session, reporting it, or pass it on unchanged when an outer decorator
	 * reports it already: this is the one place that tells whether a session is reported.
	 */
	@Override
	public Mono<Void> handle(WebSocketSession session) {
		if (session instanceof CloseReportingWebSocketSession) {
			return this.delegate.handle(session);
		}
		Mono<Principal> principal = session.getHandshakeInfo().getPrincipal();
		if (principal == Mono.<Principal>empty()) {
			// no security: Mono.empty() is one shared instance, nothing to wait for
			return Mono.defer(() -> watch(session, null).handle(this.delegate));
		}
		return principal.map(Optional::of)
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(Optional.empty())
			.flatMap((known) -> watch(session, known.orElse(null)).handle(this.delegate));
	}

	private SessionCloseWatcher watch(WebSocketSession session, @Nullable Principal principal) {
		TrackedSession tracked = this.reporter.opened(session.getId(), this.endpoint,
				session.getHandshakeInfo().getUri(), principal);
		return new SessionCloseWatcher(session, this.reporter, tracked, this.gracePeriod);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [endpoint=" + this.endpoint + ", delegate=" + this.delegate + "]";
	}

}
