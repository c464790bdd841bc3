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

package io.github.wsclose;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * What the {@link CloseReporter} knows about one open WebSocket session, whatever the
 * stack: when it opened, on which endpoint, whether this side has asked to close it and
 * whether the transport failed, what it has received and sent, and what evidence of the
 * close's {@link CloseCause cause} was seen. Adapters create one with
 * {@link CloseReporter#opened(String, String, URI, Principal)}, tell it what they notice,
 * and hand it back to {@link CloseReporter#closed(TrackedSession, int, String)}.
 *
 * <p>
 * One lives as long as its session, so it holds no object it can do without: the opening
 * instant is kept as its two numbers, its two flags share one field, and it is its own
 * entry in the reporter's list of open sessions.
 *
 * <p>
 * Activity costs no allocation per message: the counts are two {@code long} fields
 * updated atomically in place (sends may come from several threads at once), and the
 * times of the last message each way are {@link System#nanoTime()} values written as they
 * happen.
 *
 * @since 0.1.0
 */
public final class TrackedSession {

	private static final AtomicIntegerFieldUpdater<TrackedSession> STATE = AtomicIntegerFieldUpdater
		.newUpdater(TrackedSession.class, "state");

	private static final AtomicReferenceFieldUpdater<TrackedSession, @Nullable CountDownLatch> SHUTDOWN_LATCH = AtomicReferenceFieldUpdater
		.newUpdater(TrackedSession.class, CountDownLatch.class, "shutdownLatch");

	private static final AtomicLongFieldUpdater<TrackedSession> RECEIVED = AtomicLongFieldUpdater
		.newUpdater(TrackedSession.class, "messagesReceived");

	private static final AtomicLongFieldUpdater<TrackedSession> SENT = AtomicLongFieldUpdater
		.newUpdater(TrackedSession.class, "messagesSent");

	private static final AtomicIntegerFieldUpdater<TrackedSession> SENDING = AtomicIntegerFieldUpdater
		.newUpdater(TrackedSession.class, "sendsInProgress");

	private static final AtomicReferenceFieldUpdater<TrackedSession, @Nullable CloseCause> CAUSE = AtomicReferenceFieldUpdater
		.newUpdater(TrackedSession.class, CloseCause.class, "cause");

	/**
	 * The {@link #state} bit set once this side has asked to close the session.
	 */
	private static final int SERVER_CLOSING = 1;

	/**
	 * The {@link #state} bit set once the close has been reported.
	 */
	private static final int REPORTED = 2;

	/**
	 * The {@link #state} bit set once every listener has been told of the close.
	 */
	private static final int LISTENERS_TOLD = 4;

	private final String id;

	private final @Nullable String endpoint;

	private final @Nullable URI uri;

	private volatile @Nullable Principal principal;

	private final long openedAtSecond;

	private final int openedAtNano;

	private final long openedNanos;

	private volatile @Nullable Throwable transportError;

	/**
	 * Whether this side asked to close the session and whether the close was reported, as
	 * {@link #SERVER_CLOSING} and {@link #REPORTED} bits.
	 */
	private volatile int state;

	private volatile @Nullable Runnable closer;

	private volatile long messagesReceived;

	private volatile long messagesSent;

	private volatile long lastReceivedNanos;

	private volatile long lastSentNanos;

	private volatile int sendsInProgress;

	/**
	 * The first evidence of why the session ended, noted by an adapter.
	 */
	private volatile @Nullable CloseCause cause;

	private volatile boolean openedWhileShuttingDown;

	/**
	 * The latch that shutdown waits on, while it waits for this session to be reported.
	 */
	private volatile @Nullable CountDownLatch shutdownLatch;

	/**
	 * The session before this one in its list of {@link OpenSessions}, while it is open.
	 * Guarded by the list's lock.
	 */
	@Nullable TrackedSession previousOpen;

	/**
	 * The session after this one in its list of {@link OpenSessions}, while it is open.
	 * Guarded by the list's lock.
	 */
	@Nullable TrackedSession nextOpen;

	TrackedSession(String id, @Nullable String endpoint, @Nullable URI uri, @Nullable Principal principal,
			Instant openedAt, long openedNanos) {
		this.id = id;
		this.endpoint = endpoint;
		this.uri = uri;
		this.principal = principal;
		this.openedAtSecond = openedAt.getEpochSecond();
		this.openedAtNano = openedAt.getNano();
		this.openedNanos = openedNanos;
		this.lastReceivedNanos = openedNanos;
		this.lastSentNanos = openedNanos;
	}

	/**
	 * Note a message received on the session: text, binary, or a ping or pong where the
	 * stack shows them.
	 */
	public void messageReceived() {
		this.lastReceivedNanos = System.nanoTime();
		RECEIVED.incrementAndGet(this);
	}

	/**
	 * Note that a send has started; pair with {@link #sendEnded()}.
	 */
	public void sendStarted() {
		SENDING.incrementAndGet(this);
	}

	/**
	 * Note that a message was sent on the session: its send completed.
	 */
	public void messageSent() {
		this.lastSentNanos = System.nanoTime();
		SENT.incrementAndGet(this);
	}

	/**
	 * Note that a send started with {@link #sendStarted()} has ended, sent or not.
	 */
	public void sendEnded() {
		SENDING.decrementAndGet(this);
	}

	/**
	 * Return whether a send is in progress on the session now: a send that a slow peer
	 * holds up, while another thread finds the session's send limits exceeded.
	 * @return whether a send has started and not ended
	 */
	public boolean isSending() {
		return this.sendsInProgress > 0;
	}

	/**
	 * Note evidence of why the session is ending. The first evidence is kept: later
	 * closes are consequences of it.
	 * @param cause the cause the evidence shows
	 */
	public void cause(CloseCause cause) {
		CAUSE.compareAndSet(this, null, cause);
	}

	/**
	 * Return the first evidence of why the session ended that an adapter noted.
	 * @return the cause, or {@code null} when none was noted
	 */
	public @Nullable CloseCause getCause() {
		return this.cause;
	}

	/**
	 * Return how many messages the session received.
	 * @return the count
	 */
	public long getMessagesReceived() {
		return this.messagesReceived;
	}

	/**
	 * Return how many messages the session sent.
	 * @return the count of completed sends
	 */
	public long getMessagesSent() {
		return this.messagesSent;
	}

	/**
	 * Return the {@link System#nanoTime()} of the last message received or sent, or of
	 * the opening when there was none.
	 * @return the time of the last activity
	 */
	long lastActivityNanos() {
		long received = this.lastReceivedNanos;
		long sent = this.lastSentNanos;
		return (sent - received > 0) ? sent : received;
	}

	/**
	 * Note that the application's shutdown is closing this session.
	 */
	void closingOnShutdown() {
		cause(CloseCause.SHUTDOWN);
		serverClosing();
	}

	/**
	 * Note that this side (the application, the framework or the container) has asked to
	 * close the session.
	 */
	public void serverClosing() {
		STATE.getAndUpdate(this, (bits) -> bits | SERVER_CLOSING);
	}

	/**
	 * Note a transport error seen on the session. The first one is kept.
	 * @param error the error
	 */
	public void transportError(Throwable error) {
		if (this.transportError == null) {
			this.transportError = error;
		}
	}

	/**
	 * Set the authenticated user once it is known, for stacks that resolve it after the
	 * session opened.
	 * @param principal the user, or {@code null}
	 */
	public void principal(@Nullable Principal principal) {
		this.principal = principal;
	}

	/**
	 * Tell how to close the session from this side, with 1001 (Going Away), when the
	 * application shuts down while it is still open. Adapters set it once the session is
	 * decorated; the closer must not block.
	 * @param closer closes the session through the stack's own API
	 * @see OpenSessionsCloser
	 */
	public void closeOnShutdownWith(Runnable closer) {
		this.closer = closer;
		if (this.openedWhileShuttingDown) {
			closingOnShutdown();
			closer.run();
		}
	}

	/**
	 * Note that the session opened after the application began to shut down: it is closed
	 * as soon as its adapter tells how.
	 */
	void openedWhileShuttingDown() {
		this.openedWhileShuttingDown = true;
	}

	/**
	 * Return the session's id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Return the mapped path pattern the session was opened on.
	 * @return the endpoint, or {@code null} when not known
	 */
	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Return the handshake URI.
	 * @return the URI, or {@code null} when not known
	 */
	public @Nullable URI getUri() {
		return this.uri;
	}

	/**
	 * Return the authenticated user.
	 * @return the user, or {@code null}
	 */
	public @Nullable Principal getPrincipal() {
		return this.principal;
	}

	/**
	 * Return when the session opened.
	 * @return the instant it opened
	 */
	public Instant getOpenedAt() {
		return Instant.ofEpochSecond(this.openedAtSecond, this.openedAtNano);
	}

	/**
	 * Return whether this side has asked to close the session.
	 * @return whether a server-side close was seen
	 */
	public boolean isServerClosing() {
		return (this.state & SERVER_CLOSING) != 0;
	}

	/**
	 * Return the first transport error seen on the session.
	 * @return the error, or {@code null}
	 */
	public @Nullable Throwable getTransportError() {
		return this.transportError;
	}

	long openedNanos() {
		return this.openedNanos;
	}

	boolean markReported() {
		return (STATE.getAndUpdate(this, (bits) -> bits | REPORTED) & REPORTED) == 0;
	}

	/**
	 * Note that every listener has been told of the close.
	 */
	void markListenersTold() {
		STATE.getAndUpdate(this, (bits) -> bits | LISTENERS_TOLD);
		if (this.shutdownLatch != null) {
			releaseShutdownLatch();
		}
	}

	/**
	 * Count the latch down once every listener has been told of this session's close, or
	 * now if they have been.
	 * @param latch the latch shutdown waits on
	 */
	void countDownWhenReported(CountDownLatch latch) {
		this.shutdownLatch = latch;
		if ((this.state & LISTENERS_TOLD) != 0) {
			releaseShutdownLatch();
		}
	}

	/**
	 * Count the shutdown latch down, once: the reporting thread and the shutdown thread
	 * may both get here, and only the one that takes the latch counts it down.
	 */
	private void releaseShutdownLatch() {
		CountDownLatch latch = SHUTDOWN_LATCH.getAndSet(this, null);
		if (latch != null) {
			latch.countDown();
		}
	}

	boolean isReported() {
		return (this.state & REPORTED) != 0;
	}

	@Nullable Runnable closer() {
		return this.closer;
	}

	@Override
	public String toString() {
		return "TrackedSession[id=" + this.id + ", endpoint=" + this.endpoint + "]";
	}

}
