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

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.wsclose.CloseCode;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.LogSafe;
import io.github.wsclose.TrackedSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Watches one reactive WebSocket session from the moment its handler is called until its
 * close is reported: the two ends of a reactive session, the handler's {@code Mono} and
 * the session's {@link WebSocketSession#closeStatus() close status}, and what the handler
 * does to the session in between.
 *
 * <p>
 * The close is reported once both ends are known, or, when one end is known and the other
 * does not follow within the grace period, with what is known: the close status without
 * the handler's end, or 1006 when the handler ended and the close status never resolved.
 * Everything is built from Reactor's own operators: the close status is
 * {@linkplain Mono#cache() cached} and subscribed to as the session opens, the handler's
 * end is an {@linkplain Sinks#empty() empty sink}, and the grace period is a
 * {@linkplain Mono#timeout(org.reactivestreams.Publisher) timeout} that starts with the
 * first of the two ends. The close is reported on Reactor's
 * {@linkplain Schedulers#boundedElastic() bounded-elastic} scheduler, so that no listener
 * runs on the server's event loop.
 *
 * @since 0.1.0
 */
final class SessionCloseWatcher {

	private static final Log logger = LogFactory.getLog(SessionCloseWatcher.class);

	private static final Outcome NO_CLOSE_FRAME = new Outcome(CloseCode.ABNORMAL_CLOSURE.code(), null);

	private final WebSocketSession session;

	private final CloseReporter reporter;

	private final TrackedSession tracked;

	private final Duration gracePeriod;

	private final Mono<Outcome> closeStatus;

	private final Sinks.Empty<Void> handlerEnded = Sinks.empty();

	private volatile @Nullable Outcome resolved;

	private volatile boolean inboundFailed;

	private volatile boolean inboundCancelling;

	SessionCloseWatcher(WebSocketSession session, CloseReporter reporter, TrackedSession tracked,
			Duration gracePeriod) {
		this.session = session;
		this.reporter = reporter;
		this.tracked = tracked;
		this.gracePeriod = gracePeriod;
		this.closeStatus = session.closeStatus().map(Outcome::of).onErrorResume((ex) -> {
			// a code CloseStatus cannot represent (Reactor Netty passes on 5000 and
			// above) fails here too: it is reported as a failed transport
			tracked.transportError(ex);
			return Mono.just(NO_CLOSE_FRAME);
		}).defaultIfEmpty(NO_CLOSE_FRAME).doOnNext(this::closeStatusResolved).cache();
	}

	/**
	 * Start watching the session and return the handling of it by the delegate, which
	 * sees a {@link CloseReportingWebSocketSession}. The delegate's signals reach the
	 * server unchanged, after the watcher has noted them.
	 * @param delegate the decorated handler
	 * @return the delegate's handling of the session
	 */
	Mono<Void> handle(WebSocketHandler delegate) {
		this.tracked.closeOnShutdownWith(this::closeOnShutdown);
		Mono<Void> bothEnds = Mono.when(this.closeStatus, this.handlerEnded.asMono());
		Mono<Long> gracePeriodOver = Mono.firstWithSignal(this.closeStatus.then(), this.handlerEnded.asMono())
			.then(Mono.delay(this.gracePeriod));
		bothEnds.timeout(gracePeriodOver)
			.onErrorResume(TimeoutException.class, (ex) -> Mono.empty())
			// the listeners may block: never on the server's event loop
			.publishOn(Schedulers.boundedElastic())
			.subscribe(null, null, this::report);
		CloseReportingWebSocketSession decorated = new CloseReportingWebSocketSession(this.session, this);
		return Mono.defer(() -> delegate.handle(decorated))
			.doOnSuccess((ignored) -> handlerEnded(null))
			.doOnError(this::handlerEnded)
			.doOnCancel(this::handlerCancelled);
	}

	/**
	 * Note that this side has asked to close the session.
	 */
	void serverClosing() {
		this.tracked.serverClosing();
	}

	/**
	 * Note an error of the session's inbound messages: the session's transport error. A
	 * handler that ends after that ends because of the transport, not to close the
	 * session.
	 * @param error the error
	 */
	void inboundFailed(Throwable error) {
		this.inboundFailed = true;
		this.tracked.transportError(error);
	}

	/**
	 * Note that the handler is cancelling its inbound messages: a close status that
	 * resolves while it does was brought about by the cancel (Reactor Netty closes the
	 * session when its inbound messages are cancelled), so this side closed.
	 */
	void inboundCancelling() {
		this.inboundCancelling = true;
	}

	/**
	 * Note that the handler has cancelled its inbound messages.
	 */
	void inboundCancelled() {
		this.inboundCancelling = false;
	}

	private void closeStatusResolved(Outcome outcome) {
		if (this.inboundCancelling) {
			this.tracked.serverClosing();
		}
		this.resolved = outcome;
	}

	/**
	 * Note that the handler's {@code Mono} has terminated, before its signal reaches the
	 * server: a handler that ends while the session is open and before its close status
	 * resolved has the server close the session, unless its inbound messages failed
	 * first.
	 * @param error the handler's error, or {@code null} if it completed
	 */
	private void handlerEnded(@Nullable Throwable error) {
		if (error != null) {
			this.tracked.transportError(error);
		}
		if (!this.inboundFailed && this.resolved == null && this.session.isOpen()) {
			this.tracked.serverClosing();
		}
		this.handlerEnded.tryEmitEmpty();
	}

	private void handlerCancelled() {
		this.handlerEnded.tryEmitEmpty();
	}

	private void closeOnShutdown() {
		serverClosing();
		this.session.close(CloseStatus.GOING_AWAY).subscribe(null, (ex) -> {
		});
	}

	private void report() {
		Outcome outcome = this.resolved;
		if (outcome == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("No close status for WebSocket session " + LogSafe.quote(this.tracked.getId()) + " "
						+ this.gracePeriod + " after its handler ended; reporting 1006");
			}
			outcome = NO_CLOSE_FRAME;
		}
		this.reporter.closed(this.tracked, outcome.code(), outcome.reason());
	}

	/**
	 * The code and reason to report.
	 */
	private record Outcome(int code, @Nullable String reason) {

		static Outcome of(CloseStatus status) {
			return new Outcome(status.getCode(), status.getReason());
		}

	}

}
