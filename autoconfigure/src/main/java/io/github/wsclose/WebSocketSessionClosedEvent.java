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

import org.springframework.context.ApplicationEvent;

/**
 * Published exactly once per WebSocket session, after the session has closed, on every
 * instrumented stack: servlet WebSocket, SockJS, STOMP and WebFlux. Receive it with an
 * {@code @EventListener} method.
 *
 * <p>
 * The event's {@linkplain #getSource() source} is the {@link SessionClose} it describes.
 *
 * @since 0.1.0
 */
public class WebSocketSessionClosedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient SessionClose close;

	/**
	 * Create an event for a close.
	 * @param close how the session ended
	 */
	public WebSocketSessionClosedEvent(SessionClose close) {
		super(close);
		this.close = close;
	}

	/**
	 * Return the neutral description of the close this event carries.
	 * @return the close
	 */
	public SessionClose getClose() {
		return this.close;
	}

	/**
	 * Return the session's id.
	 * @return the id
	 */
	public String getSessionId() {
		return this.close.sessionId();
	}

	/**
	 * Return the close code reported for the session: 1006 when the connection ended with
	 * no close frame, 1005 when a close frame carried no code.
	 * @return the code
	 */
	public int getCode() {
		return this.close.code();
	}

	/**
	 * Return the close reason, as received or sent.
	 * @return the reason, or {@code null} when none
	 */
	public @Nullable String getReason() {
		return this.close.reason();
	}

	/**
	 * Return {@link #getCode()} classified, with the application's names applied.
	 * @return the classified code
	 */
	public CloseCode getCloseCode() {
		return this.close.closeCode();
	}

	/**
	 * Return the server-side counterpart of the browser's {@code CloseEvent.wasClean}:
	 * {@code true} when a close frame was exchanged and the transport did not fail.
	 * @return whether the close was clean
	 */
	public boolean isClean() {
		return this.close.clean();
	}

	/**
	 * Return which side started the close.
	 * @return the initiator
	 */
	public Initiator getInitiator() {
		return this.close.initiator();
	}

	/**
	 * Return the mapped path pattern the session was opened on, such as {@code /chat} or
	 * {@code /ws/{room}}; never the raw URI.
	 * @return the endpoint, or {@code null} when not known
	 */
	public @Nullable String getEndpoint() {
		return this.close.endpoint();
	}

	/**
	 * Return the handshake URI.
	 * @return the URI, or {@code null} when not known
	 */
	public @Nullable URI getUri() {
		return this.close.uri();
	}

	/**
	 * Return the authenticated user.
	 * @return the user, or {@code null}
	 */
	public @Nullable Principal getPrincipal() {
		return this.close.principal();
	}

	/**
	 * Return when the session opened.
	 * @return the instant it opened
	 */
	public Instant getOpenedAt() {
		return this.close.openedAt();
	}

	/**
	 * Return how long the session lived.
	 * @return the duration
	 */
	public Duration getDuration() {
		return this.close.duration();
	}

	/**
	 * Return the transport error seen on the session before it closed.
	 * @return the error, or {@code null}
	 */
	public @Nullable Throwable getTransportError() {
		return this.close.transportError();
	}

	/**
	 * Return why the session ended, as far as the server can tell.
	 * @return the cause
	 * @see CloseCause
	 */
	public CloseCause getCloseCause() {
		return this.close.closeCause();
	}

	/**
	 * Return how long the session had been silent when it closed: from the last message
	 * received or sent (text, binary, and ping or pong where the stack shows them) to the
	 * close; the whole lifetime when there was none.
	 * @return the idle time
	 */
	public Duration getIdleTime() {
		return this.close.idleTime();
	}

	/**
	 * Return how many messages the application received on the session.
	 * @return the count
	 */
	public long getMessagesReceived() {
		return this.close.messagesReceived();
	}

	/**
	 * Return how many messages the application sent on the session: every completed
	 * {@code sendMessage} (servlet) or message written by {@code send} (WebFlux).
	 * @return the count
	 */
	public long getMessagesSent() {
		return this.close.messagesSent();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.close + "]";
	}

}
