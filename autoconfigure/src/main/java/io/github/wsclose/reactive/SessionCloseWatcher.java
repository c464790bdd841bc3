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

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.wsclose.CloseCode;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.LogSafe;
import io.github.wsclose.TrackedSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Operators;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Watches the two ends of one reactive WebSocket session, the handler's {@code Mono} and
 * the session's {@link WebSocketSession#closeStatus() close status}, and reports the
 * close to the {@link CloseReporter} once both are known.
 *
 * <p>When one end is known and the other does not follow within the grace period, the
 * close is reported with what is known: the close status without the handler's outcome,
 * or 1006 when the handler ended and the close status never resolved. The close status
 * subscription and the timers are disposed once the close is reported.
 *
 * <p>The close status is subscribed to as the session opens, or, on servers where that
 * subscription costs memory for as long as the session lives and whose close status
 * replays what it resolved to (Reactor Netty), at the first of the events after which
 * it can have resolved: the handler's inbound messages ending or being cancelled (before
 * the cancel reaches the server), the handler ending (before its signal reaches the
 * server), this side closing the session, and the connection closing, which a
 * {@link ConnectionCloseHook} reports. Every rule sees the close status as an early
 * subscription would have at that point.
 *
 * <p>One lives as long as its session, so it is itself the subscriber of the close
 * status, keeps its state in fields rather than in atomic holders, and starts its timer
 * on the decorator's {@link GracePeriodTimers}.
 *
 * @since 0.1.0
 */
final class SessionCloseWatcher implements CoreSubscriber<CloseStatus> {

	private static final Log logger = LogFactory.getLog(SessionCloseWatcher.class);

	/**
	 * How {@link CloseStatus} rejects a code it cannot represent, which is how a close
	 * frame with such a code (5000 and above, which Reactor Netty accepts) reaches
	 * {@link WebSocketSession#closeStatus()}.
	 */
	private static final Pattern UNREPRESENTABLE_CODE = Pattern.compile("Invalid status code: (-?\\d{1,9})");

	private static final Outcome NO_CLOSE_FRAME = new Outcome(CloseCode.ABNORMAL_CLOSURE.code(), null);

	private static final AtomicReferenceFieldUpdater<SessionCloseWatcher, @Nullable Outcome> CLOSE_STATUS = AtomicReferenceFieldUpdater
		.newUpdater(SessionCloseWatcher.class, Outcome.class, "closeStatus");

	private static final AtomicReferenceFieldUpdater<SessionCloseWatcher, @Nullable Subscription> CLOSE_STATUS_SUBSCRIPTION = AtomicReferenceFieldUpdater
		.newUpdater(SessionCloseWatcher.class, Subscription.class, "closeStatusSubscription");

	private static final AtomicIntegerFieldUpdater<SessionCloseWatcher> REPORTED = AtomicIntegerFieldUpdater
		.newUpdater(SessionCloseWatcher.class, "reported");

	private static final AtomicIntegerFieldUpdater<SessionCloseWatcher> WATCHING = AtomicIntegerFieldUpdater
		.newUpdater(SessionCloseWatcher.class, "watching");

	private final CloseReporter reporter;

	private final TrackedSession tracked;

	private final WebSocketSession session;

	private final GracePeriodTimers timers;

	private volatile @Nullable Outcome closeStatus;

	private volatile @Nullable Subscription closeStatusSubscription;

	private volatile boolean handlerTerminated;

	/**
	 * Whether the handler's inbound messages failed: a handler that ends after that ends
	 * because of the transport, not to close the session.
	 */
	private volatile boolean inboundFailed;

	/**
	 * The thread cancelling the handler's inbound messages, while it does, and whether
	 * the close status was known before. Reactor Netty closes the session within that
	 * call: the close is reported once the call returns, as this side's.
	 */
	private volatile @Nullable Thread inboundCancellingThread;

	private boolean closeStatusKnownBeforeInboundCancel;

	private boolean reportDeferred;

	private volatile int reported;

	/**
	 * Whether the close status has been subscribed to: 1 once it has.
	 */
	private volatile int watching;

	/**
	 * The grace-period timer last started, if any. A session needs one at a time: the
	 * second of its two ends reports the close at once.
	 */
	private volatile @Nullable Disposable timer;

	SessionCloseWatcher(CloseReporter reporter, TrackedSession tracked, WebSocketSession session,
			GracePeriodTimers timers) {
		this.reporter = reporter;
		this.tracked = tracked;
		this.session = session;
		this.timers = timers;
	}

	/**
	 * Subscribe to the session's close status, unless it is subscribed to already or the
	 * close has been reported. Call before the handler runs on servers whose close status
	 * is subscribed to as the session opens.
	 */
	void watchCloseStatus() {
		if (this.watching == 0 && this.reported == 0 && WATCHING.compareAndSet(this, 0, 1)) {
			this.session.closeStatus().subscribe(this);
		}
	}

	/**
	 * Note that the session's connection has closed: its close status has resolved.
	 */
	void connectionClosed() {
		watchCloseStatus();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.setOnce(CLOSE_STATUS_SUBSCRIPTION, this, subscription)) {
			subscription.request(Long.MAX_VALUE);
		}
	}

	@Override
	public void onNext(CloseStatus status) {
		closeStatusResolved(Outcome.of(status));
	}

	@Override
	public void onError(Throwable ex) {
		closeStatusResolved(closeStatusFailed(ex));
	}

	@Override
	public void onComplete() {
		closeStatusResolved(NO_CLOSE_FRAME);
	}

	/**
	 * Note that this side has asked to close the session.
	 */
	void serverClosing() {
		this.tracked.serverClosing();
		watchCloseStatus();
	}

	/**
	 * Note an error of the session's inbound messages, or of the handler, as the
	 * session's transport error. The first one is kept.
	 * @param error the error
	 */
	void failed(Throwable error) {
		this.tracked.transportError(error);
	}

	/**
	 * Note an error of the session's inbound messages: the session's transport error.
	 * @param error the error
	 */
	void inboundFailed(Throwable error) {
		this.inboundFailed = true;
		failed(error);
		watchCloseStatus();
	}

	/**
	 * Note that the session's inbound messages completed.
	 */
	void inboundCompleted() {
		watchCloseStatus();
	}

	/**
	 * Note that the handler is about to cancel its inbound messages, on this thread.
	 */
	void inboundCancelling() {
		watchCloseStatus();
		this.closeStatusKnownBeforeInboundCancel = this.closeStatus != null;
		this.inboundCancellingThread = Thread.currentThread();
	}

	/**
	 * Note that the handler has cancelled its inbound messages, on the thread that
	 * called {@link #inboundCancelling()}: if that resolved the close status, this side
	 * closed the session. Report a close that resolved within the cancel.
	 */
	void inboundCancelled() {
		if (!this.closeStatusKnownBeforeInboundCancel && this.closeStatus != null) {
			this.tracked.serverClosing();
		}
		this.inboundCancellingThread = null;
		if (this.reportDeferred) {
			report();
		}
	}

	/**
	 * Note that the handler's {@code Mono} has terminated, before its signal reaches the
	 * server: a handler that ends while the session is open and before its close status
	 * resolved has the server close the session, unless its inbound messages failed first
	 * (then the transport ended the session, as when the peer resets the connection).
	 * @param error the handler's error, or {@code null} if it completed or was cancelled
	 * @param cancelled whether the server cancelled the handler
	 */
	void handlerTerminated(@Nullable Throwable error, boolean cancelled) {
		if (error != null) {
			failed(error);
		}
		watchCloseStatus();
		if (!cancelled && !this.inboundFailed && this.closeStatus == null && this.session.isOpen()) {
			this.tracked.serverClosing();
		}
		this.handlerTerminated = true;
		if (this.closeStatus != null) {
			report();
		}
		else {
			schedule(this::closeStatusTimedOut);
		}
	}

	private void closeStatusResolved(Outcome outcome) {
		if (CLOSE_STATUS.compareAndSet(this, null, outcome)) {
			if (this.handlerTerminated) {
				report();
			}
			else {
				schedule(this::report);
			}
		}
	}

	private Outcome closeStatusFailed(Throwable ex) {
		if (ex instanceof IllegalArgumentException && ex.getMessage() != null) {
			Matcher matcher = UNREPRESENTABLE_CODE.matcher(ex.getMessage());
			if (matcher.matches()) {
				return new Outcome(Integer.parseInt(matcher.group(1)), null);
			}
		}
		this.tracked.transportError(ex);
		return NO_CLOSE_FRAME;
	}

	private void closeStatusTimedOut() {
		if (CLOSE_STATUS.compareAndSet(this, null, NO_CLOSE_FRAME) && logger.isDebugEnabled()) {
			logger.debug("No close status for WebSocket session " + LogSafe.quote(this.tracked.getId()) + " "
					+ this.timers.gracePeriod() + " after its handler ended; reporting 1006");
		}
		report();
	}

	/**
	 * Run the task after the grace period, or now if the scheduler no longer takes tasks.
	 */
	private void schedule(Runnable task) {
		this.timer = this.timers.start(task);
	}

	/**
	 * Cancel the close status subscription and the grace-period timer.
	 */
	private void dispose() {
		Operators.terminate(CLOSE_STATUS_SUBSCRIPTION, this);
		Disposable timer = this.timer;
		if (timer != null) {
			timer.dispose();
		}
	}

	private void report() {
		if (this.inboundCancellingThread == Thread.currentThread()) {
			this.reportDeferred = true;
			return;
		}
		Outcome outcome = this.closeStatus;
		if (outcome != null && REPORTED.compareAndSet(this, 0, 1)) {
			dispose();
			this.reporter.closed(this.tracked, outcome.code(), outcome.reason());
		}
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
