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

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.wsclose.CloseCause;
import io.github.wsclose.CloseCode;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.LogSafe;
import io.github.wsclose.TrackedSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
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
 * Everything is built from Reactor's public API: the close status is
 * {@linkplain Mono#subscribe(java.util.function.Consumer, java.util.function.Consumer, Runnable)
 * subscribed to} as the session opens, the handler's signals are seen with
 * {@code doOn...} operators, the second of the two to be known schedules the report, and
 * the {@link GracePeriod} shared by the decorators ends the wait. No operator is
 * assembled for the join: a {@code Mono.when} over the cached close status and a sink for
 * the handler's end, as before, allocated a coordinator and three subscribers per
 * session. The close is reported on Reactor's {@linkplain Schedulers#boundedElastic()
 * bounded-elastic} scheduler, so that no listener runs on the server's event loop.
 *
 * @since 0.1.0
 */
final class SessionCloseWatcher {

	private static final Log logger = LogFactory.getLog(SessionCloseWatcher.class);

	private static final Outcome NO_CLOSE_FRAME = new Outcome(CloseCode.ABNORMAL_CLOSURE.code(), null);

	/**
	 * How long the report of a close brought about by the handler's cancel of its inbound
	 * messages waits for an error of the handler's pipeline to reach {@code send()}.
	 */
	static final Duration PIPELINE_ERROR_WAIT = Duration.ofMillis(50);

	private final WebSocketSession session;

	private final CloseReporter reporter;

	private final TrackedSession tracked;

	private final GracePeriod gracePeriod;

	private volatile boolean handlerEndKnown;

	private volatile @Nullable Outcome status;

	private volatile @Nullable Outcome resolved;

	private volatile @Nullable Throwable inboundFailure;

	private volatile boolean inboundCancelling;

	private volatile boolean firstEndKnown;

	private volatile boolean handlerErrorLogged;

	private volatile boolean closedByInboundCancel;

	private volatile long firstEndNanos;

	private final AtomicBoolean reportScheduled = new AtomicBoolean();

	SessionCloseWatcher(WebSocketSession session, CloseReporter reporter, TrackedSession tracked,
			GracePeriod gracePeriod) {
		this.session = session;
		this.reporter = reporter;
		this.tracked = tracked;
		this.gracePeriod = gracePeriod;
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
		this.session.closeStatus()
			.subscribe((closeStatus) -> this.status = Outcome.of(closeStatus), this::closeStatusFailed,
					this::closeStatusKnown);
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
	 * Note that the application closes the session through the decorated session.
	 */
	void applicationClosing() {
		this.tracked.cause(CloseCause.APPLICATION);
		this.tracked.serverClosing();
	}

	/**
	 * Note a message received on the session.
	 * @param message the message
	 */
	void received(WebSocketMessage message) {
		this.tracked.messageReceived();
	}

	/**
	 * Note a message the server takes to send.
	 * @param message the message
	 */
	void sent(WebSocketMessage message) {
		this.tracked.messageSent();
	}

	/**
	 * Note an error of the session's inbound messages: the session's transport error. A
	 * handler that ends after that ends because of the transport, not to close the
	 * session.
	 * @param error the error
	 */
	void inboundFailed(Throwable error) {
		if (ReactiveIdleTimeouts.isIdleTimeout(error)) {
			this.tracked.cause(CloseCause.IDLE_TIMEOUT);
		}
		this.inboundFailure = error;
		this.tracked.transportError(error);
	}

	/**
	 * Note an error of the messages the handler sends: an error of the handler's own
	 * pipeline (an inbound failure passed on excepted), and the session's transport
	 * error. It is noted here because the server may cancel the handler's {@code Mono}
	 * before the error reaches it: Reactor Netty ends the session as soon as its outbound
	 * messages fail, and cancels the handler. It is the handler's error (or an idle
	 * timeout) unless the session had already ended or its inbound messages failed first:
	 * a pipeline that errors inside {@code receive()} cancels the inbound messages first,
	 * and Reactor Netty closes the session on that cancel, the application's close.
	 * @param error the error
	 */
	void outboundFailed(Throwable error) {
		if (this.inboundFailure == null && this.resolved == null) {
			this.tracked
				.cause(ReactiveIdleTimeouts.isIdleTimeout(error) ? CloseCause.IDLE_TIMEOUT : CloseCause.HANDLER_ERROR);
		}
		if (error != this.inboundFailure) {
			this.tracked.transportError(error);
			logHandlerError(error);
		}
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

	/**
	 * Return when the first of the session's two ends became known.
	 * @return the {@link System#nanoTime()} of the first end
	 */
	long firstEndNanos() {
		return this.firstEndNanos;
	}

	/**
	 * Report the close with what is known: the grace period has passed since its first
	 * end and the second has not come.
	 */
	void gracePeriodOver() {
		reportOffTheEventLoop();
	}

	private void firstEnd() {
		if (!this.firstEndKnown) {
			this.firstEndKnown = true;
			this.firstEndNanos = System.nanoTime();
			this.gracePeriod.start(this);
		}
	}

	/**
	 * Report the close on the bounded-elastic scheduler: the listeners may block, and
	 * must never do so on the server's event loop.
	 */
	private void reportOffTheEventLoop() {
		if (this.reportScheduled.compareAndSet(false, true)) {
			this.gracePeriod.end(this);
			if (this.closedByInboundCancel && this.tracked.getTransportError() == null) {
				// the handler's pipeline cancelled its inbound messages and the server
				// closed at once: an error of that pipeline (concatMap and flatMap cancel
				// their source before they pass it on) reaches send() just after, on the
				// event loop
				Schedulers.boundedElastic()
					.schedule(this::report, PIPELINE_ERROR_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			else {
				Schedulers.boundedElastic().schedule(this::report);
			}
		}
	}

	/**
	 * Note that the close status failed: a code {@code CloseStatus} cannot represent
	 * (Reactor Netty passes on 5000 and above) fails it too. It is reported as a failed
	 * transport.
	 */
	private void closeStatusFailed(Throwable error) {
		this.tracked.transportError(error);
		closeStatusKnown();
	}

	/**
	 * Note the close status, once known: an empty one (the connection ended with no close
	 * frame) and a failed one are 1006.
	 */
	private void closeStatusKnown() {
		Outcome outcome = this.status;
		if (outcome == null) {
			outcome = NO_CLOSE_FRAME;
		}
		if (this.inboundCancelling) {
			this.tracked.cause(CloseCause.APPLICATION);
			this.tracked.serverClosing();
			this.closedByInboundCancel = true;
		}
		this.resolved = outcome;
		firstEnd();
		reportIfBothEndsKnown();
	}

	private void noteHandlerEnd() {
		this.handlerEndKnown = true;
		reportIfBothEndsKnown();
	}

	/**
	 * Report once the close status and the handler's end are both known. Each end is
	 * noted before this looks at the other, so the second to come sees both; should both
	 * see both, {@link #reportOffTheEventLoop()} reports once.
	 */
	private void reportIfBothEndsKnown() {
		if (this.resolved != null && this.handlerEndKnown) {
			reportOffTheEventLoop();
		}
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
			if (this.inboundFailure == null && this.resolved == null) {
				this.tracked.cause(
						ReactiveIdleTimeouts.isIdleTimeout(error) ? CloseCause.IDLE_TIMEOUT : CloseCause.HANDLER_ERROR);
			}
			this.tracked.transportError(error);
			if (error != this.inboundFailure) {
				logHandlerError(error);
			}
		}
		if (this.inboundFailure == null && this.resolved == null && this.session.isOpen()) {
			this.tracked.cause(CloseCause.APPLICATION);
			this.tracked.serverClosing();
		}
		firstEnd();
		noteHandlerEnd();
	}

	/**
	 * Log a handler's error once per session, at DEBUG and escaped: WebFlux itself logs
	 * nothing of it, and the client receives no more than a close code.
	 */
	private void logHandlerError(Throwable error) {
		if (!this.handlerErrorLogged && logger.isDebugEnabled()) {
			this.handlerErrorLogged = true;
			logger.debug("WebSocket handler of session " + LogSafe.quote(this.tracked.getId()) + " failed: "
					+ LogSafe.quote(String.valueOf(error)));
		}
	}

	private void handlerCancelled() {
		firstEnd();
		noteHandlerEnd();
	}

	private void closeOnShutdown() {
		serverClosing();
		this.session.close(CloseStatus.GOING_AWAY).subscribe(null, (ex) -> {
		});
	}

	private void report() {
		Outcome outcome = this.resolved;
		if (this.inboundFailure instanceof IOException) {
			// the connection failed under the inbound messages (a reset, a broken pipe):
			// no close frame came, whatever status the server made of it (Reactor
			// Netty: 1002)
			outcome = NO_CLOSE_FRAME;
		}
		if (outcome == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("No close status for WebSocket session " + LogSafe.quote(this.tracked.getId()) + " "
						+ this.gracePeriod.period() + " after its handler ended; reporting 1006");
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
