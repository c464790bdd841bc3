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
import org.jspecify.annotations.Nullable;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A reactive {@link WebSocketHandler} decorator that reports how each session of the
 * decorated handler ended to a {@link CloseReporter}, exactly once per session.
 *
 * <p>
 * The delegate sees a {@link CloseReportingWebSocketSession} that notices server-side
 * {@code close(...)} calls, which is how the close's
 * {@linkplain io.github.wsclose.Initiator initiator} is known. The close is reported once
 * the delegate's {@code Mono} has terminated and the session's
 * {@link WebSocketSession#closeStatus() close status} has resolved:
 * <ul>
 * <li>a close status is reported with its code and reason, as the server reports it (an
 * empty close frame is 1005 on Reactor Netty and Jetty, 1000 on Tomcat); the texts
 * servers attach to 1005, 1006 and 1015, which never travel in a close frame, are left
 * out;</li>
 * <li>an empty close status (the connection ended with no close frame) is reported as
 * 1006, which is never clean;</li>
 * <li>an error of the session's inbound messages or of the delegate's {@code Mono} is the
 * session's transport error, so the close is not clean;</li>
 * <li>this side started the close when the delegate closed the session, when the delegate
 * ended (normally or with an error of its own, not after its inbound messages failed)
 * while the session was open and before its close status resolved, or when cancelling its
 * inbound messages closed the session (as Reactor Netty does);</li>
 * <li>a code the framework cannot represent (Reactor Netty passes on close codes of 5000
 * and more) is reported and classified as it came, never thrown.</li>
 * </ul>
 * When the delegate has ended and the close status does not resolve within
 * {@linkplain #DEFAULT_GRACE_PERIOD five seconds}, the close is reported as 1006; when
 * the close status has resolved and the delegate does not end within that time, the close
 * is reported without waiting longer. The timers of all the sessions of a decorator share
 * one scheduler task and may run up to a tenth of the grace period late. Nothing blocks
 * and the delegate's signals reach the server unchanged.
 *
 * <p>
 * On Reactor Netty, where a subscription to the close status keeps about 250 bytes of the
 * server's objects for as long as the session lives, the close status is subscribed to
 * only at the first of the events after which it can have resolved: the delegate's
 * inbound messages ending or being cancelled, the delegate ending, this side closing the
 * session, or the connection closing. Reactor Netty's close status replays what it
 * resolved to, so each of the rules above sees what it would have seen with a
 * subscription made as the session opened. Other servers' close status is subscribed to
 * as the session opens.
 *
 * <p>
 * Every handler of a {@code SimpleUrlHandlerMapping} and every handler served through a
 * {@code WebSocketHandlerAdapter} is decorated automatically. Wrap a handler yourself
 * only when the server does not go through WebFlux's {@code DispatcherHandler}, for
 * example when calling a {@code WebSocketService} directly:
 *
 * <pre class="code">
 * webSocketService.handleRequest(exchange, new CloseReportingWebSocketHandler(myHandler, closeReporter, "/chat"));
 * </pre> A handler that is already wrapped is not reported twice when the automatic
 * decoration applies too: a decorator that receives the
 * {@link CloseReportingWebSocketSession} an outer decorator passed on, directly or
 * through handlers that wrap the handler, hands it to its delegate unchanged and reports
 * nothing. It keeps no mark on the session, so an application that wraps the session in a
 * decorator of its own between the two decorators hides it, and then both report the
 * session.
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

	/**
	 * The watchers for the servers on the classpath, looked up once: decorators are also
	 * created per request.
	 */
	private static final SessionCloseWatcherFactory SERVERS_WATCHERS = SessionCloseWatcherFactory
		.forServers(CloseReportingWebSocketHandler.class.getClassLoader());

	private final WebSocketHandler delegate;

	private final CloseReporter reporter;

	private final @Nullable String endpoint;

	private final GracePeriodTimers timers;

	private final SessionCloseWatcherFactory watchers;

	/**
	 * Create a decorator.
	 * @param delegate the handler to decorate
	 * @param reporter the reporter to report opens and closes to
	 * @param endpoint the path pattern the handler is mapped to, or {@code null} when not
	 * known (reported as {@code unknown} in meters)
	 */
	public CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter,
			@Nullable String endpoint) {
		this(delegate, reporter, endpoint, DEFAULT_GRACE_PERIOD, Schedulers.parallel());
	}

	CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter, @Nullable String endpoint,
			Duration gracePeriod, Scheduler scheduler) {
		this(delegate, reporter, endpoint, gracePeriod, scheduler, SERVERS_WATCHERS);
	}

	CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter, @Nullable String endpoint,
			Duration gracePeriod, Scheduler scheduler, SessionCloseWatcherFactory watchers) {
		this(delegate, reporter, endpoint, new GracePeriodTimers(gracePeriod, scheduler), watchers);
	}

	/**
	 * Create a decorator whose sessions share their grace-period timers with other
	 * decorators, as those that {@link CloseReportingHandlerAdapter} creates per
	 * handshake do.
	 */
	CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter, @Nullable String endpoint,
			GracePeriodTimers timers) {
		this(delegate, reporter, endpoint, timers, SERVERS_WATCHERS);
	}

	private CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter, @Nullable String endpoint,
			GracePeriodTimers timers, SessionCloseWatcherFactory watchers) {
		this.delegate = delegate;
		this.reporter = reporter;
		this.endpoint = endpoint;
		this.timers = timers;
		this.watchers = watchers;
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
	 * reports it already: when it is the {@link CloseReportingWebSocketSession} that
	 * decorator hands its delegate.
	 */
	@Override
	public Mono<Void> handle(WebSocketSession session) {
		if (session instanceof CloseReportingWebSocketSession) {
			return this.delegate.handle(session);
		}
		Mono<Principal> principal = session.getHandshakeInfo().getPrincipal();
		if (principal instanceof Fuseable.ScalarCallable<?> known) {
			// Mono.empty() or Mono.just(user): no operator chain that lives as long as
			// the session
			return newWatcher(session, scalarPrincipal(known));
		}
		return principal.map(Optional::of)
			.onErrorReturn(Optional.empty())
			.defaultIfEmpty(Optional.empty())
			.flatMap((resolved) -> newWatcher(session, resolved.orElse(null)));
	}

	private static @Nullable Principal scalarPrincipal(Fuseable.ScalarCallable<?> principal) {
		try {
			return (Principal) principal.call();
		}
		catch (Exception ex) {
			return null;
		}
	}

	/**
	 * Return the handling of a session: the watcher that, once subscribed, tracks the
	 * session, calls the delegate and reports the close.
	 * @param session the session, as the server created it
	 * @param principal the authenticated user, if any
	 * @return the watcher of the session
	 */
	SessionCloseWatcher newWatcher(WebSocketSession session, @Nullable Principal principal) {
		return this.watchers.create(this, session, principal);
	}

	/**
	 * Return the reporter the sessions are reported to.
	 * @return the reporter
	 */
	CloseReporter reporter() {
		return this.reporter;
	}

	/**
	 * Return the grace-period timers of the sessions.
	 * @return the timers
	 */
	GracePeriodTimers timers() {
		return this.timers;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [endpoint=" + this.endpoint + ", delegate=" + this.delegate + "]";
	}

}
