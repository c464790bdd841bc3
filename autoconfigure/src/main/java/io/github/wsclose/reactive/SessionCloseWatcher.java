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
import java.util.concurrent.TimeoutException;
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
import reactor.core.publisher.Signal;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Watches one reactive WebSocket session from the call of its handler until its close is
 * reported: the session's two ends, the handler's {@code Mono} and the
 * {@link WebSocketSession#closeStatus() close status}, and what the handler does to the
 * session in between.
 *
 * <p>
 * The close is reported once both ends are known, or, when the second does not follow the
 * first within the {@link GracePeriod}, with what is known (1006 when the close status
 * never resolved). The close status is subscribed to as the session opens, the handler's
 * signals are seen with {@code doOn...} operators, and the second end to be known hands
 * the report to the {@link ReportBatches}, so that no listener runs on an event loop.
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

	/**
	 * The package of Reactor Netty's {@code ReadTimeoutHandler}'s and
	 * {@code WriteTimeoutHandler}'s exceptions: with Reactor's {@link TimeoutException},
	 * the one place that tells a reactive idle timeout from other errors.
	 */
	private static final String NETTY_TIMEOUTS = "io.netty.handler.timeout.";

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
	 * Start watching the session and return the delegate's handling of it, which sees a
	 * {@link CloseReportingWebSocketSession} and whose signals reach the server
	 * unchanged.
	 * @param delegate the decorated handler
	 * @return the delegate's handling of the session
	 */
	Mono<Void> handle(WebSocketHandler delegate) {
		this.tracked.closeOnShutdownWith(this::closeOnShutdown);
		this.session.closeStatus()
			.subscribe((closeStatus) -> this.status = new Outcome(closeStatus.getCode(), closeStatus.getReason()),
					this::closeStatusFailed, this::closeStatusKnown);
		CloseReportingWebSocketSession decorated = new CloseReportingWebSocketSession(this.session, this);
		return Mono.defer(() -> delegate.handle(decorated))
			.doOnEach(this::handlerSignalled)
			.doOnCancel(this::noteHandlerEnd);
	}

	private void handlerSignalled(Signal<Void> signal) {
		if (signal.isOnComplete() || signal.isOnError()) {
			handlerEnded(signal.getThrowable());
		}
	}

	TrackedSession tracked() {
		return this.tracked;
	}

	/**
	 * Note that the application closes the session through the decorated session.
	 */
	void applicationClosing() {
		this.tracked.cause(CloseCause.APPLICATION);
		this.tracked.serverClosing();
	}

	/**
	 * Note an error of the inbound messages, the session's transport error: a handler
	 * that ends after it ends because of the transport, not to close the session.
	 */
	void inboundFailed(Throwable error) {
		if (isIdleTimeout(error)) {
			this.tracked.cause(CloseCause.IDLE_TIMEOUT);
		}
		this.inboundFailure = error;
		this.tracked.transportError(error);
	}

	/**
	 * Note an error of the messages the handler sends, which Reactor Netty may not pass
	 * on to the handler's {@code Mono}: it ends the session as soon as its outbound fails
	 * and cancels the handler. It is the handler's error unless the session had ended or
	 * its inbound failed first: a pipeline that errors inside {@code receive()} cancels
	 * the inbound first, and Reactor Netty closes the session on that cancel.
	 */
	void outboundFailed(Throwable error) {
		noteHandlerError(error);
	}

	/**
	 * Note that the handler starts cancelling its inbound messages: a close status that
	 * resolves meanwhile was brought about by the cancel (Reactor Netty closes the
	 * session then), so this side closed.
	 */
	void inboundCancelling() {
		this.inboundCancelling = true;
	}

	void inboundCancelled() {
		this.inboundCancelling = false;
	}

	long firstEndNanos() {
		return this.firstEndNanos;
	}

	/**
	 * Report the close with what is known: the grace period has passed since the first
	 * end.
	 */
	void gracePeriodOver() {
		scheduleReport();
	}

	private void firstEnd() {
		if (!this.firstEndKnown) {
			this.firstEndKnown = true;
			this.firstEndNanos = System.nanoTime();
			this.gracePeriod.start(this);
		}
	}

	private void scheduleReport() {
		if (this.reportScheduled.compareAndSet(false, true)) {
			this.gracePeriod.end(this);
			if (this.closedByInboundCancel && this.tracked.getTransportError() == null) {
				// the pipeline cancelled its inbound and the server closed at once: an
				// error of that pipeline (concatMap and flatMap cancel their source
				// before they pass it on) reaches send() just after, on the event loop
				ReportBatches.schedule(this::report, PIPELINE_ERROR_WAIT);
			}
			else {
				ReportBatches.SHARED.submit(this::report);
			}
		}
	}

	/**
	 * Note that the close status failed: a code {@code CloseStatus} cannot represent
	 * (Reactor Netty passes on 5000 and above) fails it too, reported as a failed
	 * transport.
	 */
	private void closeStatusFailed(Throwable error) {
		this.tracked.transportError(error);
		closeStatusKnown();
	}

	/**
	 * Note the close status, once known: an empty one (no close frame) and a failed one
	 * are 1006.
	 */
	private void closeStatusKnown() {
		Outcome outcome = this.status;
		if (this.inboundCancelling) {
			applicationClosing();
			this.closedByInboundCancel = true;
		}
		this.resolved = (outcome != null) ? outcome : NO_CLOSE_FRAME;
		firstEnd();
		reportIfBothEndsKnown();
	}

	/**
	 * Report once both ends are known. Each end is noted before this looks at the other,
	 * so the second to come sees both; should both see both, the report is scheduled
	 * once.
	 */
	private void reportIfBothEndsKnown() {
		if (this.resolved != null && this.handlerEndKnown) {
			scheduleReport();
		}
	}

	/**
	 * Note that the handler's {@code Mono} has terminated, before its signal reaches the
	 * server: a handler that ends while the session is open and before its close status
	 * resolved has the server close the session, unless its inbound failed first.
	 */
	private void handlerEnded(@Nullable Throwable error) {
		if (error != null) {
			noteHandlerError(error);
		}
		if (this.inboundFailure == null && this.resolved == null && this.session.isOpen()) {
			applicationClosing();
		}
		noteHandlerEnd();
	}

	private void noteHandlerError(Throwable error) {
		if (this.inboundFailure == null && this.resolved == null) {
			this.tracked.cause(isIdleTimeout(error) ? CloseCause.IDLE_TIMEOUT : CloseCause.HANDLER_ERROR);
		}
		if (error != this.inboundFailure) {
			this.tracked.transportError(error);
			if (!this.handlerErrorLogged && logger.isDebugEnabled()) {
				// WebFlux logs nothing of it, and the client receives no more than a code
				this.handlerErrorLogged = true;
				logger.debug("WebSocket handler of session " + LogSafe.quote(this.tracked.getId()) + " failed: "
						+ LogSafe.quote(String.valueOf(error)));
			}
		}
	}

	private void noteHandlerEnd() {
		firstEnd();
		this.handlerEndKnown = true;
		reportIfBothEndsKnown();
	}

	private void closeOnShutdown() {
		this.tracked.serverClosing();
		this.session.close(CloseStatus.GOING_AWAY).subscribe(null, (ex) -> {
		});
	}

	private void report() {
		Outcome outcome = this.resolved;
		if (this.inboundFailure instanceof IOException) {
			// the connection failed under the inbound (a reset): no close frame came,
			// whatever status the server made of it (Reactor Netty: 1002)
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
	 * Return whether an error, or one of its causes, is an idle or read timeout: Reactor
	 * Netty's timeout handlers fail the inbound with their own exceptions, and Reactor's
	 * {@code timeout(...)}, the usual idle timeout of a WebFlux handler, with a
	 * {@link TimeoutException}. An {@code IdleStateHandler} only fires an event; whatever
	 * closes the connection on it ends the session with no close frame.
	 */
	static boolean isIdleTimeout(@Nullable Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 8; depth++) {
			if (current instanceof TimeoutException || current.getClass().getName().startsWith(NETTY_TIMEOUTS)) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

	/**
	 * The code and reason to report.
	 */
	private record Outcome(int code, @Nullable String reason) {

	}

}
