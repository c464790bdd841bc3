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

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published once for every WebSocket handshake on an instrumented endpoint that did not
 * become a session: the origin was refused, an interceptor said no, the request was not a
 * valid upgrade, or the handshake failed. Receive it with an {@code @EventListener}
 * method.
 *
 * <p>
 * A client that cannot connect is never closed, so no {@link WebSocketSessionClosedEvent}
 * is ever published for it; this event is how the application hears of it. Accepted
 * handshakes publish no event of this type. The event's {@linkplain #getSource() source}
 * is the {@link HandshakeResult} it describes.
 *
 * @since 0.1.0
 */
public class WebSocketHandshakeRejectedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient HandshakeResult handshake;

	/**
	 * Create an event for a rejected handshake.
	 * @param handshake how the handshake ended
	 */
	public WebSocketHandshakeRejectedEvent(HandshakeResult handshake) {
		super(handshake);
		this.handshake = handshake;
	}

	/**
	 * Return the neutral description of the handshake this event carries.
	 * @return the handshake
	 */
	public HandshakeResult getHandshake() {
		return this.handshake;
	}

	/**
	 * Return the mapped path pattern the handshake was made on.
	 * @return the pattern, or {@code unknown} when not known
	 */
	public String getEndpoint() {
		return this.handshake.endpoint();
	}

	/**
	 * Return why the handshake did not become a session.
	 * @return the outcome, never {@link HandshakeOutcome#ACCEPTED}
	 */
	public HandshakeOutcome getOutcome() {
		return this.handshake.outcome();
	}

	/**
	 * Return the HTTP status answered to the handshake.
	 * @return the status, for example 403
	 */
	public int getStatus() {
		return this.handshake.status();
	}

	/**
	 * Return the handshake request's URI.
	 * @return the URI, or {@code null} when not known
	 */
	public @Nullable URI getUri() {
		return this.handshake.uri();
	}

	/**
	 * Return the handshake request's {@code Origin} header, as the client sent it.
	 * @return the origin, or {@code null} when the request had none
	 */
	public @Nullable String getOrigin() {
		return this.handshake.origin();
	}

	/**
	 * Return the authenticated user of the handshake request.
	 * @return the principal, or {@code null} when none
	 */
	public @Nullable Principal getPrincipal() {
		return this.handshake.principal();
	}

	/**
	 * Return what the handshake threw.
	 * @return the error for {@link HandshakeOutcome#FAILED}, otherwise {@code null}
	 */
	public @Nullable Throwable getError() {
		return this.handshake.error();
	}

	/**
	 * Return when the handshake ended.
	 * @return the time
	 */
	public Instant getTime() {
		return this.handshake.time();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.handshake + "]";
	}

}
