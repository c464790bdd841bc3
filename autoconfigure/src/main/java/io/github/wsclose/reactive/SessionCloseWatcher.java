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

import io.github.wsclose.CloseCause;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.ContainerIdleTimeouts;
import io.github.wsclose.LogSafe;
import io.github.wsclose.TrackedSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.observability.SignalListener;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Watches one reactive WebSocket session from the call of its handler until its close is
 * reported, from its two ends: the handler's {@code Mono} and the session's
 * {@link WebSocketSession#closeStatus() close status}.
 *
 * <p>
 * The close is reported once both ends are known, or with what is known when the second
 * does not follow the first within the {@link GracePeriod}. Each end is noted before it
 * looks at the other, so the second to come hands the report to the
 * {@link ReportBatches}, and no listener runs on an event loop. The rules are in
 * {@code docs/reactive.md}.
 */
final class SessionCloseWatcher {

	private static final Log logger = LogFactory.getLog(SessionCloseWatcher.class);

	/**
	 * How long the report of a close brought about by the handler's cancel of its inbound
	 * waits for an error of the handler's pipeline to reach {@code send()}: concatMap and
	 * flatMap cancel their source before they pass the error on.
	 */
	static final Duration PIPELINE_ERROR_WAIT = Duration.ofMillis(50);

	private final WebSocketSession session;

	private final CloseReporter reporter;

	private final TrackedSession tracked;

	private final GracePeriod gracePeriod;

	/**
	 * Whether the report is handed on; guarded by this watcher's lock.
	 */
	private boolean reportScheduled;

	private volatile @Nullable CloseStatus status;

	/**
	 * The close status once it resolved: {@link CloseStatus#NO_CLOSE_FRAME} when it
	 * resolved empty or failed.
	 */
	private volatile @Nullable CloseStatus resolved;

	private volatile boolean handlerEnded;

	private volatile long firstEndNanos;

	private volatile @Nullable Throwable inboundFailure;

	private volatile boolean inboundCancelling;

	private volatile boolean closedByInboundCancel;

	private volatile boolean handlerErrorLogged;

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
	 */
	Mono<Void> handle(WebSocketHandler delegate) {
		this.tracked.closeOnShutdownWith(this::closeOnShutdown);
		this.session.closeStatus()
			.subscribe((closeStatus) -> this.status = closeStatus, this::closeStatusFailed, this::closeStatusKnown);
		CloseReportingWebSocketSession decorated = new CloseReportingWebSocketSession(this.session, this);
		return Mono.defer(() -> delegate.handle(decorated)).tap(HandlerSignals::new);
	}

	/**
	 * Return what notes the signals of the handler's inbound messages, one per
	 * subscription to them.
	 */
	SignalListener<WebSocketMessage> inboundSignals() {
		return new InboundSignals();
	}

	/**
	 * Return what notes the signals of the messages the handler sends, one per
	 * subscription to them.
	 */
	SignalListener<WebSocketMessage> outboundSignals() {
		return new OutboundSignals();
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
	private void inboundFailed(Throwable error) {
		if (ContainerIdleTimeouts.isIdleTimeout(error)) {
			this.tracked.cause(CloseCause.IDLE_TIMEOUT);
		}
		this.inboundFailure = error;
		this.tracked.transportError(error);
	}

	long firstEndNanos() {
		return this.firstEndNanos;
	}

	/**
	 * Hand the report to the batches, once, whichever end or the grace period gets here.
	 */
	void scheduleReport() {
		if (!firstToSchedule()) {
			return;
		}
		this.gracePeriod.end(this);
		if (this.closedByInboundCancel && this.tracked.getTransportError() == null) {
			ReportBatches.schedule(this::report, PIPELINE_ERROR_WAIT);
		}
		else {
			ReportBatches.SHARED.submit(this::report);
		}
	}

	private synchronized boolean firstToSchedule() {
		boolean first = !this.reportScheduled;
		this.reportScheduled = true;
		return first;
	}

	/**
	 * Note that the close status failed: a code {@code CloseStatus} cannot represent
	 * (Reactor Netty passes on 5000 and above) fails it, reported as a failed transport.
	 */
	private void closeStatusFailed(Throwable error) {
		this.tracked.transportError(error);
		closeStatusKnown();
	}

	private void closeStatusKnown() {
		CloseStatus status = this.status;
		if (this.inboundCancelling) {
			applicationClosing();
			this.closedByInboundCancel = true;
		}
		this.resolved = (status != null) ? status : CloseStatus.NO_CLOSE_FRAME;
		endKnown();
	}

	/**
	 * Note that the handler's {@code Mono} terminated: a handler that ends while the
	 * session is open, before its close status resolved and not because its inbound
	 * failed, has the server close the session.
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

	/**
	 * Note an error of the handler: its cause, unless the session had ended or its
	 * inbound failed first, and its transport error, logged once (WebFlux logs nothing of
	 * it, and the client receives no more than a code).
	 */
	private void noteHandlerError(Throwable error) {
		if (this.inboundFailure == null && this.resolved == null) {
			this.tracked
				.cause(ContainerIdleTimeouts.isIdleTimeout(error) ? CloseCause.IDLE_TIMEOUT : CloseCause.HANDLER_ERROR);
		}
		if (error != this.inboundFailure) {
			this.tracked.transportError(error);
			if (!this.handlerErrorLogged && logger.isDebugEnabled()) {
				this.handlerErrorLogged = true;
				logger.debug("WebSocket handler of session " + LogSafe.quote(this.tracked.getId()) + " failed: "
						+ LogSafe.quote(String.valueOf(error)));
			}
		}
	}

	private void noteHandlerEnd() {
		this.handlerEnded = true;
		endKnown();
	}

	/**
	 * Start the grace period at the first end, and schedule the report at the second.
	 */
	private void endKnown() {
		if (this.firstEndNanos == 0) {
			// never 0, which stands for no end yet
			this.firstEndNanos = System.nanoTime() | 1;
			this.gracePeriod.start(this);
		}
		if (this.resolved != null && this.handlerEnded) {
			scheduleReport();
		}
	}

	private void closeOnShutdown() {
		this.tracked.serverClosing();
		this.session.close(CloseStatus.GOING_AWAY).subscribe(null, (ex) -> {
		});
	}

	private void report() {
		CloseStatus status = this.resolved;
		if (this.inboundFailure instanceof IOException) {
			// the connection failed under the inbound (a reset): no close frame came,
			// whatever status the server made of it (Reactor Netty: 1002)
			status = CloseStatus.NO_CLOSE_FRAME;
		}
		if (status == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("No close status for WebSocket session " + LogSafe.quote(this.tracked.getId()) + " "
						+ this.gracePeriod.period() + " after its handler ended; reporting 1006");
			}
			status = CloseStatus.NO_CLOSE_FRAME;
		}
		this.reporter.closed(this.tracked, status.getCode(), status.getReason());
	}

	/**
	 * Notes how the handler's {@code Mono} ended: completed, failed, or cancelled by the
	 * server.
	 */
	private final class HandlerSignals extends DefaultSignalListener<Void> {

		@Override
		public void doOnComplete() {
			handlerEnded(null);
		}

		@Override
		public void doOnError(Throwable error) {
			handlerEnded(error);
		}

		@Override
		public void doOnCancel() {
			noteHandlerEnd();
		}

	}

	/**
	 * Notes each inbound message, an error of the inbound as the session's transport
	 * error, and whether the handler is cancelling its inbound: a close status that
	 * resolves meanwhile was brought about by the cancel (Reactor Netty closes the
	 * session then). {@code doOnCancel} runs before the cancel reaches the server,
	 * {@code doFinally} after it.
	 */
	private final class InboundSignals extends DefaultSignalListener<WebSocketMessage> {

		@Override
		public void doOnNext(WebSocketMessage message) {
			SessionCloseWatcher.this.tracked.messageReceived();
		}

		@Override
		public void doOnError(Throwable error) {
			inboundFailed(error);
		}

		@Override
		public void doOnCancel() {
			SessionCloseWatcher.this.inboundCancelling = true;
		}

		@Override
		public void doFinally(SignalType terminationType) {
			SessionCloseWatcher.this.inboundCancelling = false;
		}

	}

	/**
	 * Notes each message the server takes from the handler, and an error of their
	 * publisher (the handler's own pipeline) as the handler's error: Reactor Netty does
	 * not pass it on to the handler's {@code Mono}, it closes the session and cancels the
	 * handler. A pipeline that errors inside {@code receive()} cancels the inbound first,
	 * and Reactor Netty closes the session on that cancel, so the error is not the cause
	 * when the session had ended first ({@code noteHandlerError}).
	 */
	private final class OutboundSignals extends DefaultSignalListener<WebSocketMessage> {

		@Override
		public void doOnNext(WebSocketMessage message) {
			SessionCloseWatcher.this.tracked.messageSent();
		}

		@Override
		public void doOnError(Throwable error) {
			noteHandlerError(error);
		}

	}

}
