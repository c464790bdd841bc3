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
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A neutral description of how one WebSocket session ended, the same for every stack
 * (servlet WebSocket, SockJS, STOMP, WebFlux). Built once per session by the
 * {@link CloseReporter} and handed to every {@link SessionLifecycleListener}.
 *
 * @param sessionId the session's id
 * @param code the close code reported for the session: 1006 when the connection ended
 * with no close frame, 1005 when a close frame carried no code
 * @param reason the close reason, as received or sent; {@code null} when none
 * @param closeCode {@code code} classified, with the application's names applied
 * @param clean the server-side counterpart of the browser's {@code CloseEvent.wasClean}
 * @param initiator which side started the close
 * @param endpoint the mapped path pattern the session was opened on, {@code null} when
 * not known
 * @param uri the handshake URI, when known
 * @param principal the authenticated user, if any
 * @param openedAt when the session opened
 * @param duration how long the session lived
 * @param transportError the transport error seen on the session before it closed, if any
 * @param closeCause why the session ended
 * @param idleTime how long the session had been silent when it closed: from the last
 * message received or sent to the close, the whole lifetime when there was none
 * @param messagesReceived how many messages the session received
 * @param messagesSent how many messages the session sent (completed sends)
 * @since 0.1.0
 */
public record SessionClose(String sessionId, int code, @Nullable String reason, CloseCode closeCode, boolean clean,
		Initiator initiator, @Nullable String endpoint, @Nullable URI uri, @Nullable Principal principal,
		Instant openedAt, Duration duration, @Nullable Throwable transportError, CloseCause closeCause,
		Duration idleTime, long messagesReceived, long messagesSent) {

	/**
	 * Create a close whose cause is {@link CloseCause#UNKNOWN}, with no activity: the
	 * whole lifetime is its idle time.
	 * @param sessionId the session's id
	 * @param code the close code
	 * @param reason the close reason, or {@code null}
	 * @param closeCode {@code code} classified
	 * @param clean whether the close was clean
	 * @param initiator which side started the close
	 * @param endpoint the mapped path pattern, or {@code null}
	 * @param uri the handshake URI, or {@code null}
	 * @param principal the authenticated user, or {@code null}
	 * @param openedAt when the session opened
	 * @param duration how long the session lived
	 * @param transportError the transport error, or {@code null}
	 */
	public SessionClose(String sessionId, int code, @Nullable String reason, CloseCode closeCode, boolean clean,
			Initiator initiator, @Nullable String endpoint, @Nullable URI uri, @Nullable Principal principal,
			Instant openedAt, Duration duration, @Nullable Throwable transportError) {
		this(sessionId, code, reason, closeCode, clean, initiator, endpoint, uri, principal, openedAt, duration,
				transportError, CloseCause.UNKNOWN, duration, 0, 0);
	}

	/**
	 * Return a one-line description, safe for logs: the reason is escaped and the
	 * principal and URI are left out.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "SessionClose[id=" + LogSafe.quote(this.sessionId) + ", code=" + this.code + " (" + this.closeCode.name()
				+ "), reason=" + LogSafe.quote(this.reason) + ", clean=" + this.clean + ", initiator=" + this.initiator
				+ ", endpoint=" + this.endpoint + ", duration=" + this.duration + ", cause="
				+ this.closeCause.tagValue() + ", idle=" + this.idleTime + ", received=" + this.messagesReceived
				+ ", sent=" + this.messagesSent + "]";
	}

}
