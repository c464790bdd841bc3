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

package io.github.wsclose.conformance;

import java.net.URI;

import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsWebSocketContainer;

/**
 * What the scripted handlers tune on the Jakarta WebSocket session of a server, which is
 * Tomcat's on both stacks.
 */
final class JakartaSessions {

	/**
	 * Tomcat's session property that bounds how long writing a close frame with any code
	 * but 1000 may take before the session fails with a {@code SocketTimeoutException}.
	 */
	static final String CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

	/** What the suite gives the sessions of its cases instead of Tomcat's 50 ms. */
	static final long CASE_CLOSE_SEND_TIMEOUT_MILLIS = 5000;

	private JakartaSessions() {
	}

	/**
	 * Give the session of a case ({@code ?case=...}) time to write its close frame.
	 * Tomcat writes every close frame whose code is not 1000 with a budget of 50 ms; on a
	 * busy machine a write that completes later fails the session with a
	 * {@code SocketTimeoutException}, which would make the matrix depend on the machine's
	 * load. Load and cardinality sessions keep Tomcat's default.
	 * @param session the session
	 * @param uri the handshake URI
	 */
	static void relaxCloseSendTimeout(Session session, URI uri) {
		if (uri.getRawQuery() != null && uri.getRawQuery().startsWith("case=")) {
			session.getUserProperties().put(CLOSE_SEND_TIMEOUT, CASE_CLOSE_SEND_TIMEOUT_MILLIS);
		}
	}

	/**
	 * Set the idle timeout of a session. Tomcat looks for idle sessions every
	 * {@code processPeriod} seconds of its background thread (10 by default): make it
	 * every second.
	 * @param session the session
	 * @param millis the idle timeout
	 */
	static void idleTimeout(Session session, long millis) {
		if (session.getContainer() instanceof WsWebSocketContainer tomcat) {
			tomcat.setProcessPeriod(1);
		}
		session.setMaxIdleTimeout(millis);
	}

}
