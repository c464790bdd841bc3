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
import java.time.InstantSource;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a stack adapter saw of one WebSocket handshake into a
 * {@link HandshakeResult} and hands it to every {@link HandshakeListener}: the
 * counterpart of the {@link CloseReporter} for clients that may never get a session.
 *
 * <p>
 * The adapters call {@link #report} exactly once per handshake on an instrumented
 * endpoint, whether it was accepted or not. A listener that throws does not stop the
 * other listeners, and nothing it throws reaches the caller; its failures are logged at
 * {@code WARN}, the first with its stack trace and then at most once a minute.
 *
 * @since 0.1.0
 */
public final class HandshakeReporter {

	private static final Log logger = LogFactory.getLog(HandshakeReporter.class);

	private final HandshakeListener[] listeners;

	private final ListenerFailures[] failures;

	private final InstantSource clock;

	/**
	 * Create a reporter that uses the system clock.
	 * @param listeners the listeners, called in order
	 */
	public HandshakeReporter(List<? extends HandshakeListener> listeners) {
		this(listeners, InstantSource.system());
	}

	/**
	 * Create a reporter.
	 * @param listeners the listeners, called in order
	 * @param clock the source of {@link HandshakeResult#time()}
	 */
	public HandshakeReporter(List<? extends HandshakeListener> listeners, InstantSource clock) {
		this.listeners = listeners.toArray(new HandshakeListener[0]);
		this.failures = new ListenerFailures[this.listeners.length];
		for (int i = 0; i < this.listeners.length; i++) {
			this.failures[i] = new ListenerFailures(this.listeners[i], "handshake", "a handshake on", logger,
					System::nanoTime);
		}
		this.clock = clock;
	}

	/**
	 * Tell the listeners of an endpoint pattern the application maps, before any
	 * handshake is made on it.
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
	 * Report how a handshake ended.
	 * @param endpoint the mapped path pattern, or {@code null} when not known
	 * @param outcome how the handshake ended
	 * @param status the HTTP status answered
	 * @param uri the request's URI, if known
	 * @param origin the request's {@code Origin} header, if any
	 * @param principal the authenticated user, if any
	 * @param error what the handshake threw, if anything
	 * @return the handshake as reported
	 */
	public HandshakeResult report(@Nullable String endpoint, HandshakeOutcome outcome, int status, @Nullable URI uri,
			@Nullable String origin, @Nullable Principal principal, @Nullable Throwable error) {
		HandshakeResult handshake = new HandshakeResult(CloseKey.endpoint(endpoint), outcome, status, uri, origin,
				principal, error, this.clock.instant());
		if (outcome.isRejected() && logger.isDebugEnabled()) {
			logger.debug("WebSocket handshake rejected: " + handshake);
		}
		for (int i = 0; i < this.listeners.length; i++) {
			try {
				this.listeners[i].handshake(handshake);
			}
			catch (Throwable ex) {
				handleListenerFailure(i, handshake.endpoint(), ex);
			}
		}
		return handshake;
	}

	private void handleListenerFailure(int listener, String endpoint, Throwable ex) {
		if (ex instanceof VirtualMachineError error) {
			throw error;
		}
		this.failures[listener].failed(endpoint, ex);
	}

}
