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
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The reported handling of one reactive WebSocket session: the {@code Mono} a
 * {@link CloseReportingWebSocketHandler} returns for the session. When subscribed, it
 * starts tracking the session and calls the decorator's delegate with a
 * {@link CloseReportingWebSocketSession}; it then watches the session's two ends, the
 * delegate's {@code Mono} and the session's {@link WebSocketSession#closeStatus() close
 * status}, and reports the close to the {@link CloseReporter} once both are known.
 *
 * <p>
 * When one end is known and the other does not follow within the grace period, the close
 * is reported with what is known: the close status without the handler's outcome, or 1006
 * when the handler ended and the close status never resolved. The close status
 * subscription and the timers are disposed once the close is reported.
 *
 * <p>
 * The close status is subscribed to as the session opens, or, on servers where that
 * subscription costs memory for as long as the session lives and whose close status
 * replays what it resolved to (Reactor Netty, see {@link #watchConnection()}), at the
 * first of the events after which it can have resolved: the handler's inbound messages
 * ending or being cancelled (before the cancel reaches the server), the handler ending
 * (before its signal reaches the server), this side closing the session, and the
 * connection closing. Every rule sees the close status as an early subscription would
 * have at that point.
 *
 * <p>
 * One lives as long as its session, so it is one object in as many roles as it can take:
 * the {@code Mono} of the handling, which the server keeps, the subscriber of the
 * delegate's {@code Mono}, which tells it how the delegate ended (completed, failed or
 * cancelled) before the signal goes on, and the closer the reporter uses on shutdown;
 * {@code Mono.defer} with {@code doOnSuccess}, {@code doOnError} and {@code doOnCancel}
 * would keep an operator and a subscriber each. It keeps its flags in one field, the rest
 * of its state in fields rather than in atomic holders, and starts its timer on the
 * decorator's {@link GracePeriodTimers}. Subscribed more than once, each further
 * subscription handles the session with a watcher of its own.
 *
 * @since 0.1.0
 */
class SessionCloseWatcher extends Mono<Void> implements CoreSubscriber<Void>, Subscription, Runnable {

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

	private static final AtomicIntegerFieldUpdater<SessionCloseWatcher> STATE = AtomicIntegerFieldUpdater
		.newUpdater(SessionCloseWatcher.class, "state");

	/**
	 * The {@link #state} bit set once the watcher has been subscribed to.
	 */
	private static final int SUBSCRIBED = 1;

	/**
	 * The {@link #state} bit set at the first terminal signal or cancel of the delegate's
	 * {@code Mono}.
	 */
	private static final int HANDLER_SIGNALLED = 1 << 1;

	/**
	 * The {@link #state} bit set once the delegate's end has been noted.
	 */
	private static final int HANDLER_TERMINATED = 1 << 2;

	/**
	 * The {@link #state} bit set once the handler's inbound messages failed: a handler
	 * that ends after that ends because of the transport, not to close the session.
	 */
	private static final int INBOUND_FAILED = 1 << 3;

	/**
	 * The {@link #state} bit telling, while the handler cancels its inbound messages,
	 * whether the close status was known before.
	 */
	private static final int KNOWN_BEFORE_INBOUND_CANCEL = 1 << 4;

	/**
	 * The {@link #state} bit set when the close was to be reported while the handler
	 * cancelled its inbound messages, on the cancelling thread.
	 */
	private static final int REPORT_DEFERRED = 1 << 5;

	/**
	 * The {@link #state} bit set once the close status has been subscribed to.
	 */
	private static final int WATCHING = 1 << 6;

	/**
	 * The {@link #state} bit set once the close has been reported.
	 */
	private static final int REPORTED = 1 << 7;

	private final CloseReportingWebSocketHandler handler;

	private final WebSocketSession session;

	private final @Nullable Principal principal;

	private @Nullable TrackedSession tracked;

	private @Nullable CoreSubscriber<? super Void> actual;

	private @Nullable Subscription upstream;

	private volatile @Nullable Outcome closeStatus;

	private volatile @Nullable Subscription closeStatusSubscription;

	/**
	 * The thread cancelling the handler's inbound messages, while it does. Reactor Netty
	 * closes the session within that call: the close is reported once the call returns,
	 * as this side's.
	 */
	private volatile @Nullable Thread inboundCancellingThread;

	/**
	 * The grace-period timer last started, if any. A session needs one at a time: the
	 * second of its two ends reports the close at once.
	 */
	private volatile @Nullable Disposable timer;

	/**
	 * The watcher's flags, as bits.
	 */
	private volatile int state;

	/**
	 * Create the watcher of a session.
	 * @param handler the decorator that handles the session
	 * @param session the session, as the server created it
	 * @param principal the authenticated user, if any
	 */
	SessionCloseWatcher(CloseReportingWebSocketHandler handler, WebSocketSession session,
			@Nullable Principal principal) {
		this.handler = handler;
		this.session = session;
		this.principal = principal;
	}

	/**
	 * Start tracking the session, watch its close status (or have the watcher told when
	 * its connection closes) and call the decorator's delegate with a
	 * {@link CloseReportingWebSocketSession}. An exception the delegate throws becomes an
	 * error, as with {@code Mono.defer}.
	 */
	@Override
	public void subscribe(CoreSubscriber<? super Void> actual) {
		if (!setFlag(SUBSCRIBED)) {
			this.handler.newWatcher(this.session, this.principal).subscribe(actual);
			return;
		}
		this.actual = actual;
		TrackedSession tracked = this.handler.reporter()
			.opened(this.session.getId(), this.handler.getEndpoint(), this.session.getHandshakeInfo().getUri(),
					this.principal);
		this.tracked = tracked;
		if (!watchConnection()) {
			watchCloseStatus();
		}
		CloseReportingWebSocketSession decorated = new CloseReportingWebSocketSession(this.session, this);
		tracked.closeOnShutdownWith(this);
		Mono<Void> handled;
		try {
			handled = this.handler.getDelegate().handle(decorated);
		}
		catch (Throwable ex) {
			Operators.error(this, Operators.onOperatorError(ex, actual.currentContext()));
			return;
		}
		handled.subscribe(this);
	}

	/**
	 * Have {@link #connectionClosed()} called once the session's connection has closed,
	 * on a server whose close status is better subscribed to only when needed.
	 * @return whether it will be called; if not, the close status is subscribed to at
	 * once
	 */
	boolean watchConnection() {
		return false;
	}

	/**
	 * Return the session, as the server created it.
	 * @return the session
	 */
	final WebSocketSession session() {
		return this.session;
	}

	/**
	 * Subscribe to the session's close status, unless it is subscribed to already or the
	 * close has been reported.
	 */
	final void watchCloseStatus() {
		if ((this.state & (WATCHING | REPORTED)) == 0 && setFlag(WATCHING)) {
			this.session.closeStatus().subscribe(new CloseStatusSubscriber(this));
		}
	}

	/**
	 * Note that the session's connection has closed: its close status has resolved.
	 */
	final void connectionClosed() {
		watchCloseStatus();
	}

	/**
	 * Close the session from this side with 1001 (Going Away): the application is
	 * shutting down.
	 */
	@Override
	public final void run() {
		serverClosing();
		this.session.close(CloseStatus.GOING_AWAY).subscribe(null, (ex) -> {
		});
	}

	/**
	 * Note that this side has asked to close the session.
	 */
	final void serverClosing() {
		tracked().serverClosing();
		watchCloseStatus();
	}

	/**
	 * Note an error of the session's inbound messages, or of the handler, as the
	 * session's transport error. The first one is kept.
	 * @param error the error
	 */
	private void failed(Throwable error) {
		tracked().transportError(error);
	}

	/**
	 * Note an error of the session's inbound messages: the session's transport error.
	 * @param error the error
	 */
	final void inboundFailed(Throwable error) {
		setFlag(INBOUND_FAILED);
		failed(error);
		watchCloseStatus();
	}

	/**
	 * Note that the session's inbound messages completed.
	 */
	final void inboundCompleted() {
		watchCloseStatus();
	}

	/**
	 * Note that the handler is about to cancel its inbound messages, on this thread.
	 */
	final void inboundCancelling() {
		watchCloseStatus();
		setFlag(KNOWN_BEFORE_INBOUND_CANCEL, this.closeStatus != null);
		this.inboundCancellingThread = Thread.currentThread();
	}

	/**
	 * Note that the handler has cancelled its inbound messages, on the thread that called
	 * {@link #inboundCancelling()}: if that resolved the close status, this side closed
	 * the session. Report a close that resolved within the cancel.
	 */
	final void inboundCancelled() {
		if ((this.state & KNOWN_BEFORE_INBOUND_CANCEL) == 0 && this.closeStatus != null) {
			tracked().serverClosing();
		}
		this.inboundCancellingThread = null;
		if ((this.state & REPORT_DEFERRED) != 0) {
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
	private void handlerTerminated(@Nullable Throwable error, boolean cancelled) {
		if (error != null) {
			failed(error);
		}
		watchCloseStatus();
		if (!cancelled && (this.state & INBOUND_FAILED) == 0 && this.closeStatus == null && this.session.isOpen()) {
			tracked().serverClosing();
		}
		setFlag(HANDLER_TERMINATED);
		if (this.closeStatus != null) {
			report();
		}
		else {
			schedule(this::closeStatusTimedOut);
		}
	}

	@Override
	public final void onSubscribe(Subscription subscription) {
		this.upstream = subscription;
		actual().onSubscribe(this);
	}

	@Override
	public final void onNext(Void value) {
		actual().onNext(value);
	}

	@Override
	public final void onError(Throwable error) {
		if (setFlag(HANDLER_SIGNALLED)) {
			handlerTerminated(error, false);
		}
		actual().onError(error);
	}

	@Override
	public final void onComplete() {
		if (setFlag(HANDLER_SIGNALLED)) {
			handlerTerminated(null, false);
		}
		actual().onComplete();
	}

	@Override
	public final void request(long n) {
		upstream().request(n);
	}

	@Override
	public final void cancel() {
		if (setFlag(HANDLER_SIGNALLED)) {
			handlerTerminated(null, true);
		}
		upstream().cancel();
	}

	@Override
	public final Context currentContext() {
		return actual().currentContext();
	}

	private void closeStatusSubscribed(Subscription subscription) {
		if (Operators.setOnce(CLOSE_STATUS_SUBSCRIPTION, this, subscription)) {
			subscription.request(Long.MAX_VALUE);
		}
	}

	private void closeStatusResolved(Outcome outcome) {
		if (CLOSE_STATUS.compareAndSet(this, null, outcome)) {
			if ((this.state & HANDLER_TERMINATED) != 0) {
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
		failed(ex);
		return NO_CLOSE_FRAME;
	}

	private void closeStatusTimedOut() {
		if (CLOSE_STATUS.compareAndSet(this, null, NO_CLOSE_FRAME) && logger.isDebugEnabled()) {
			logger.debug("No close status for WebSocket session " + LogSafe.quote(tracked().getId()) + " "
					+ this.handler.timers().gracePeriod() + " after its handler ended; reporting 1006");
		}
		report();
	}

	/**
	 * Run the task after the grace period, or now if the scheduler no longer takes tasks.
	 */
	private void schedule(Runnable task) {
		this.timer = this.handler.timers().start(task);
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
			setFlag(REPORT_DEFERRED);
			return;
		}
		Outcome outcome = this.closeStatus;
		if (outcome != null && setFlag(REPORTED)) {
			dispose();
			this.handler.reporter().closed(tracked(), outcome.code(), outcome.reason());
		}
	}

	/**
	 * Set a flag.
	 * @param flag the flag's bit
	 * @return whether this call set it
	 */
	private boolean setFlag(int flag) {
		int state;
		do {
			state = this.state;
			if ((state & flag) != 0) {
				return false;
			}
		}
		while (!STATE.compareAndSet(this, state, state | flag));
		return true;
	}

	/**
	 * Set or clear a flag.
	 * @param flag the flag's bit
	 * @param value whether to set it
	 */
	private void setFlag(int flag, boolean value) {
		int state;
		do {
			state = this.state;
		}
		while (!STATE.compareAndSet(this, state, value ? (state | flag) : (state & ~flag)));
	}

	private TrackedSession tracked() {
		return subscribed(this.tracked);
	}

	private CoreSubscriber<? super Void> actual() {
		return subscribed(this.actual);
	}

	private Subscription upstream() {
		return subscribed(this.upstream);
	}

	/**
	 * Return a field that is set when a subscriber subscribes, failing when it is read
	 * before.
	 * @param <T> the field's type
	 * @param value the field's value
	 * @return the value
	 * @throws IllegalStateException if the value is {@code null}
	 */
	static <T> T subscribed(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("Not subscribed");
		}
		return value;
	}

	/**
	 * The subscriber of the close status, from when it is subscribed to until the close
	 * is reported.
	 */
	private static final class CloseStatusSubscriber implements CoreSubscriber<CloseStatus> {

		private final SessionCloseWatcher watcher;

		CloseStatusSubscriber(SessionCloseWatcher watcher) {
			this.watcher = watcher;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.watcher.closeStatusSubscribed(subscription);
		}

		@Override
		public void onNext(CloseStatus status) {
			this.watcher.closeStatusResolved(Outcome.of(status));
		}

		@Override
		public void onError(Throwable ex) {
			this.watcher.closeStatusResolved(this.watcher.closeStatusFailed(ex));
		}

		@Override
		public void onComplete() {
			this.watcher.closeStatusResolved(NO_CLOSE_FRAME);
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
