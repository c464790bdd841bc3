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

/**
 * How one WebSocket handshake ended: whether it became a session and, if not, why not.
 * The {@linkplain #tagValue() tag value} is the {@code outcome} tag of the
 * {@code websocket.handshakes} counter.
 *
 * <p>
 * A client that cannot connect never gets a session, so no close is ever reported for it;
 * the outcome of its handshake is the only trace it leaves on the server.
 *
 * @since 0.1.0
 */
public enum HandshakeOutcome {

	/**
	 * The upgrade succeeded and the handshake became a session.
	 */
	ACCEPTED("accepted"),

	/**
	 * The allowed-origins check refused the request's {@code Origin} (403).
	 */
	ORIGIN_REJECTED("origin_rejected"),

	/**
	 * A {@code HandshakeInterceptor} returned {@code false}, or a WebFlux handshake was
	 * refused by application code before the upgrade.
	 */
	INTERCEPTOR_REJECTED("interceptor_rejected"),

	/**
	 * Not a valid upgrade request: wrong method, missing or bad {@code Upgrade},
	 * {@code Connection}, {@code Sec-WebSocket-Key} or {@code Sec-WebSocket-Version}
	 * (400, 405, 426).
	 */
	BAD_REQUEST("bad_request"),

	/**
	 * The handshake threw (500), or it arrived while the application was stopping (503).
	 */
	FAILED("failed");

	private final String tagValue;

	HandshakeOutcome(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Return the value of the {@code outcome} tag for this outcome.
	 * @return the lower snake_case tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

	/**
	 * Return whether this outcome is a handshake that did not become a session.
	 * @return {@code true} for every outcome but {@link #ACCEPTED}
	 */
	public boolean isRejected() {
		return this != ACCEPTED;
	}

}
