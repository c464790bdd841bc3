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
import java.util.function.Function;

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
 * A reactive handler has no {@code afterConnectionClosed}: the close is reported once the
 * handler's {@code Mono} and the session's {@link WebSocketSession#closeStatus() close
 * status} are known, or with what is known when one does not follow the other within
 * {@linkplain #DEFAULT_GRACE_PERIOD five seconds} ({@code docs/reactive.md}). Nothing
 * blocks, and the handler's signals reach the server unchanged.
 *
 * <p>
 * Every handler served through a {@code WebSocketHandlerAdapter} is decorated
 * automatically by {@link CloseReportingHandlerAdapter}. Wrap a handler yourself only
 * when the server does not go through WebFlux's {@code DispatcherHandler}, for example
 * when calling a {@code WebSocketService} directly: <pre class="code">
 * webSocketService.handleRequest(exchange, new CloseReportingWebSocketHandler(myHandler, closeReporter, "/chat"));
 * </pre> A session is reported once however many decorators it passes: one that receives
 * the {@link CloseReportingWebSocketSession} of an outer decorator passes it on
 * unchanged. A session decorator of the application's own between two of them hides it,
 * and then both report the session.
 *
 * @since 0.1.0
 */
public class CloseReportingWebSocketHandler implements WebSocketHandler {

	/**
	 * How long the close of a session waits for its second end before it is reported with
	 * what is known.
	 */
	public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

	private final WebSocketHandler delegate;

	private final CloseReporter reporter;

	private final @Nullable String endpoint;

	private final GracePeriod gracePeriod;

	/**
	 * The handshake to report accepted, until the server calls this handler: let go of
	 * then, since the handler lives as long as the session and the handshake's exchange
	 * need not.
	 */
	private @Nullable HandshakeObserver handshake;

	/**
	 * Create a decorator.
	 * @param delegate the handler to decorate
	 * @param reporter the reporter to report opens and closes to
	 * @param endpoint the path pattern the handler is mapped to, or {@code null} when not
	 * known (reported as {@code unknown} in meters)
	 */
	public CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter,
			@Nullable String endpoint) {
		this(delegate, reporter, endpoint, DEFAULT_GRACE_PERIOD, null);
	}

	/**
	 * Create a decorator that also reports its handshake accepted once the server calls
	 * it.
	 */
	CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter, @Nullable String endpoint,
			Duration gracePeriod, @Nullable HandshakeObserver handshake) {
		this.delegate = delegate;
		this.reporter = reporter;
		this.endpoint = endpoint;
		this.gracePeriod = GracePeriod.of(gracePeriod);
		this.handshake = handshake;
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
		HandshakeObserver handshake = this.handshake;
		if (handshake != null) {
			this.handshake = null;
			handshake.accepted();
		}
		if (session instanceof CloseReportingWebSocketSession) {
			return this.delegate.handle(session);
		}
		return withPrincipal(session.getHandshakeInfo().getPrincipal(), (principal) -> {
			TrackedSession tracked = this.reporter.opened(session.getId(), this.endpoint,
					session.getHandshakeInfo().getUri(), principal);
			return new SessionCloseWatcher(session, this.reporter, tracked, this.gracePeriod).handle(this.delegate);
		});
	}

	/**
	 * Call a function with the user once known, or with {@code null} when there is none
	 * or it fails; at once without security ({@code Mono.empty()} is one shared
	 * instance).
	 */
	static <T> Mono<T> withPrincipal(Mono<Principal> principal, Function<@Nullable Principal, Mono<T>> function) {
		if (principal == Mono.<Principal>empty()) {
			return Mono.defer(() -> function.apply(null));
		}
		return principal.map(Optional::of)
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(Optional.empty())
			.flatMap((known) -> function.apply(known.orElse(null)));
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [endpoint=" + this.endpoint + ", delegate=" + this.delegate + "]";
	}

}
