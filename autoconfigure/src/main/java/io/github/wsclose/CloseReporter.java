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
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a stack adapter saw of one WebSocket session into a {@link SessionClose} and
 * hands it, exactly once, to every {@link SessionLifecycleListener}.
 *
 * <p>
 * This is where the stack-neutral rules live:
 * <ul>
 * <li><b>clean</b>: a close is clean when a close frame was exchanged and the transport
 * did not fail, that is, when the code is neither 1006 (no close frame) nor 1015 (TLS
 * failure) and no transport error was seen on the session. A close frame with no code
 * (1005) completed the closing handshake and is clean, as in the browser.</li>
 * <li><b>initiator</b>: {@link Initiator#SERVER} when this side asked to close first (the
 * application, the framework, a handler error, or the application shutting down);
 * otherwise {@link Initiator#UNKNOWN} when there was no close frame (1006, 1015) or the
 * transport failed, and {@link Initiator#CLIENT} when the peer's close frame came
 * first.</li>
 * <li><b>cause</b>: the first evidence an adapter noted on the
 * {@link TrackedSession#cause(CloseCause) tracked session} (the application's close, a
 * handler's error, a send limit, a container's idle timeout, ...), but
 * {@link CloseCause#SHUTDOWN} for an application close while the application stops;
 * without evidence, {@link CloseCause#SHUTDOWN} while stopping, then a container's idle
 * timeout ({@link ContainerIdleTimeouts}), then by the code: 1009 is
 * {@link CloseCause#MESSAGE_TOO_BIG}, 1002, 1007 and codes no close frame may carry are
 * {@link CloseCause#PROTOCOL_ERROR}, no close frame (1006, 1015) or a failed transport is
 * {@link CloseCause#CONNECTION_LOST}, a close this side started for no reason it could
 * tell is {@link CloseCause#UNKNOWN}, and any other close frame of the peer is
 * {@link CloseCause#PEER_CLOSED}.</li>
 * </ul>
 *
 * <p>
 * A listener that throws does not stop the other listeners, and nothing it throws reaches
 * the caller; its failures are logged at {@code WARN}, the first with its stack trace and
 * then at most once a minute ({@link ListenerFailures}).
 *
 * <p>
 * The reporter keeps the sessions that are open in an {@link OpenSessions} registry;
 * {@link OpenSessionsCloser} closes them when the application stops.
 *
 * @since 0.1.0
 */
public final class CloseReporter {

	private static final Log logger = LogFactory.getLog(CloseReporter.class);

	private static final int PROTOCOL_ERROR = 1002;

	private static final int INVALID_FRAME_PAYLOAD_DATA = 1007;

	private static final int MESSAGE_TOO_BIG = 1009;

	private final CloseCodeCatalog catalog;

	private final SessionLifecycleListener[] listeners;

	private final ListenerFailures[] failures;

	private final InstantSource clock;

	private final OpenSessions openSessions = new OpenSessions();

	private volatile boolean shuttingDown;

	/**
	 * Create a reporter that uses the system clock.
	 * @param catalog the application's close-code names
	 * @param listeners the listeners, called in order
	 */
	public CloseReporter(CloseCodeCatalog catalog, List<? extends SessionLifecycleListener> listeners) {
		this(catalog, listeners, InstantSource.system());
	}

	/**
	 * Create a reporter.
	 * @param catalog the application's close-code names
	 * @param listeners the listeners, called in order
	 * @param clock the source of {@link SessionClose#openedAt()}; durations are measured
	 * with {@link System#nanoTime()}
	 */
	public CloseReporter(CloseCodeCatalog catalog, List<? extends SessionLifecycleListener> listeners,
			InstantSource clock) {
		this.catalog = catalog;
		this.listeners = listeners.toArray(new SessionLifecycleListener[0]);
		this.failures = new ListenerFailures[this.listeners.length];
		for (int i = 0; i < this.listeners.length; i++) {
			this.failures[i] = new ListenerFailures(this.listeners[i], logger, System::nanoTime);
		}
		this.clock = clock;
	}

	/**
	 * Tell the listeners of an endpoint pattern the application maps, before any session
	 * opens on it.
	 * @param endpoint the mapped path pattern
	 */
	public void endpointMapped(String endpoint) {
		for (int i = 0; i < this.listeners.length; i++) {
			try {
				this.listeners[i].endpointMapped(endpoint);
			}
			catch (Throwable ex) {
				handleListenerFailure(i, endpoint, ex);
			}
		}
	}

	/**
	 * Start tracking a session that has just opened, and tell the listeners.
	 * @param sessionId the session's id
	 * @param endpoint the mapped path pattern, or {@code null} when not known
	 * @param uri the handshake URI, if known
	 * @param principal the authenticated user, if any
	 * @return the tracked session, to hand back to {@link #closed}
	 */
	public TrackedSession opened(String sessionId, @Nullable String endpoint, @Nullable URI uri,
			@Nullable Principal principal) {
		TrackedSession session = new TrackedSession(sessionId, endpoint, uri, principal, this.clock.instant(),
				System.nanoTime());
		this.openSessions.add(session);
		if (this.shuttingDown) {
			session.openedWhileShuttingDown();
		}
		OpenedSession opened = new OpenedSession(sessionId, endpoint, uri, principal, session.getOpenedAt());
		for (int i = 0; i < this.listeners.length; i++) {
			try {
				this.listeners[i].sessionOpened(opened);
			}
			catch (Throwable ex) {
				handleListenerFailure(i, sessionId, ex);
			}
		}
		return session;
	}

	/**
	 * Report that a tracked session has closed. Only the first call for a session is
	 * reported; later calls return {@code null} and tell no listener.
	 * @param session the tracked session
	 * @param code the close code the stack reported
	 * @param reason the close reason; an empty reason is reported as {@code null}, and so
	 * is the text a server gives with a code that never travels in a close frame (1005,
	 * 1006, 1015): it is the server's own words, not a reason that was received or sent
	 * @return the close as reported, or {@code null} if the session was already reported
	 */
	public @Nullable SessionClose closed(TrackedSession session, int code, @Nullable String reason) {
		if (!session.markReported()) {
			return null;
		}
		this.openSessions.remove(session);
		long now = System.nanoTime();
		Duration duration = Duration.ofNanos(now - session.openedNanos());
		Duration idleTime = Duration.ofNanos(Math.max(0, now - session.lastActivityNanos()));
		Throwable transportError = session.getTransportError();
		CloseCode closeCode = this.catalog.classify(code);
		SessionClose close = new SessionClose(session.getId(), code, reportedReason(code, reason), closeCode,
				isClean(code, transportError), initiator(session, code), session.getEndpoint(), session.getUri(),
				session.getPrincipal(), session.getOpenedAt(), duration, transportError,
				cause(session, closeCode, reason, this.shuttingDown), idleTime, session.getMessagesReceived(),
				session.getMessagesSent());
		if (logger.isDebugEnabled()) {
			logger.debug("WebSocket session closed: " + close);
		}
		for (int i = 0; i < this.listeners.length; i++) {
			try {
				this.listeners[i].sessionClosed(close);
			}
			catch (Throwable ex) {
				handleListenerFailure(i, close.sessionId(), ex);
			}
		}
		session.markListenersTold();
		return close;
	}

	/**
	 * Note that the application is shutting down: sessions that close from now on without
	 * a close frame from the peer first are reported as closed by the server.
	 */
	public void shuttingDown() {
		this.shuttingDown = true;
	}

	/**
	 * Return whether the application is shutting down, so that the adapters refuse new
	 * handshakes (503).
	 * @return whether {@link #shuttingDown()} was called
	 */
	public boolean isShuttingDown() {
		return this.shuttingDown;
	}

	/**
	 * Return how many sessions are open now.
	 * @return the number of sessions opened and not yet reported closed
	 */
	public int getOpenSessionCount() {
		return this.openSessions.size();
	}

	/**
	 * Return the registry of the sessions that are open now.
	 * @return the open sessions
	 */
	OpenSessions openSessions() {
		return this.openSessions;
	}

	/**
	 * Return the catalog of close-code names this reporter classifies with.
	 * @return the catalog
	 */
	public CloseCodeCatalog getCatalog() {
		return this.catalog;
	}

	/**
	 * A reason travels only with a code in a close frame. 1005, 1006 and 1015 are never
	 * sent in one (RFC 6455 §7.4.1), so any text a container attaches to them is its own
	 * wording, not the peer's, and is left out; so is an empty reason.
	 */
	static @Nullable String reportedReason(int code, @Nullable String reason) {
		if (reason == null || reason.isEmpty() || code == CloseCode.NO_STATUS_RECEIVED.code()
				|| code == CloseCode.ABNORMAL_CLOSURE.code() || code == CloseCode.TLS_HANDSHAKE.code()) {
			return null;
		}
		return reason;
	}

	static boolean isClean(int code, @Nullable Throwable transportError) {
		return transportError == null && code != CloseCode.ABNORMAL_CLOSURE.code()
				&& code != CloseCode.TLS_HANDSHAKE.code();
	}

	static CloseCause cause(TrackedSession session, CloseCode code, @Nullable String reason, boolean shuttingDown) {
		CloseCause evidence = session.getCause();
		if (evidence != null) {
			return (shuttingDown && evidence == CloseCause.APPLICATION) ? CloseCause.SHUTDOWN : evidence;
		}
		if (shuttingDown) {
			return CloseCause.SHUTDOWN;
		}
		int value = code.code();
		if (ContainerIdleTimeouts.isIdleTimeout(value, reason)) {
			return CloseCause.IDLE_TIMEOUT;
		}
		if (value == MESSAGE_TOO_BIG) {
			return CloseCause.MESSAGE_TOO_BIG;
		}
		if (value == PROTOCOL_ERROR || value == INVALID_FRAME_PAYLOAD_DATA) {
			return CloseCause.PROTOCOL_ERROR;
		}
		if (value == CloseCode.ABNORMAL_CLOSURE.code() || value == CloseCode.TLS_HANDSHAKE.code()
				|| session.getTransportError() != null) {
			return CloseCause.CONNECTION_LOST;
		}
		if (session.isServerClosing()) {
			return CloseCause.UNKNOWN;
		}
		if (value != CloseCode.NO_STATUS_RECEIVED.code() && !code.sendable()) {
			return CloseCause.PROTOCOL_ERROR;
		}
		return CloseCause.PEER_CLOSED;
	}

	private Initiator initiator(TrackedSession session, int code) {
		if (session.isServerClosing() || this.shuttingDown) {
			return Initiator.SERVER;
		}
		if (code == CloseCode.ABNORMAL_CLOSURE.code() || code == CloseCode.TLS_HANDSHAKE.code()
				|| session.getTransportError() != null) {
			return Initiator.UNKNOWN;
		}
		return Initiator.CLIENT;
	}

	private void handleListenerFailure(int listener, String sessionId, Throwable ex) {
		if (ex instanceof VirtualMachineError error) {
			throw error;
		}
		this.failures[listener].failed(sessionId, ex);
	}

}
