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

/**
 * A neutral description of how one WebSocket handshake ended, the same for every stack
 * (servlet WebSocket, SockJS, STOMP, WebFlux). Built once per handshake by the
 * {@link HandshakeReporter} and handed to every {@link HandshakeListener}.
 *
 * <p>
 * Handshakes travel a path of their own, apart from the {@link SessionClose}s of the
 * {@link CloseReporter}: a handshake that is refused never becomes a session, and one
 * that is accepted is reported again, as a session, when it opens.
 *
 * @param endpoint the mapped path pattern the handshake was made on, or
 * {@value CloseKey#UNKNOWN_ENDPOINT} when not known
 * @param outcome how the handshake ended
 * @param status the HTTP status answered (101 when accepted)
 * @param uri the request's URI, if known
 * @param origin the request's {@code Origin} header, if any
 * @param principal the authenticated user, if any
 * @param error what the handshake threw, for {@link HandshakeOutcome#FAILED}
 * @param time when the handshake ended
 * @since 0.1.0
 */
public record HandshakeResult(String endpoint, HandshakeOutcome outcome, int status, @Nullable URI uri,
		@Nullable String origin, @Nullable Principal principal, @Nullable Throwable error, Instant time) {

	/**
	 * Return a one-line description, safe for logs: the origin is escaped and the
	 * principal and URI are left out.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "HandshakeResult[endpoint=" + this.endpoint + ", outcome=" + this.outcome.tagValue() + ", status="
				+ this.status + ", origin=" + LogSafe.quote(this.origin) + "]";
	}

}
