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

package io.github.wsclose.servlet;

import java.io.IOException;

import io.github.wsclose.LogSafe;
import io.github.wsclose.TrackedSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The session the decorated handler sees: notices when this side asks to close it.
 *
 * @since 0.1.0
 */
final class CloseReportingWebSocketSession extends WebSocketSessionDecorator {

	private static final Log logger = LogFactory.getLog(CloseReportingWebSocketSession.class);

	private final TrackedSession tracked;

	private volatile @Nullable CloseStatus requestedClose;

	CloseReportingWebSocketSession(WebSocketSession session, TrackedSession tracked) {
		super(session);
		this.tracked = tracked;
	}

	TrackedSession tracked() {
		return this.tracked;
	}

	/**
	 * Return the status this side first asked to close the session with.
	 * @return the status, or {@code null} when this side did not ask
	 */
	@Nullable CloseStatus requestedClose() {
		return this.requestedClose;
	}

	/**
	 * Close the session with 1001 (Going Away), as the application shuts down; a failure
	 * leaves the session to be reported when the transport ends.
	 */
	void closeGoingAway() {
		try {
			close(CloseStatus.GOING_AWAY);
		}
		catch (IOException | RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				// the session's own toString() has its URI, query string (and tokens)
				// included
				logger.debug("Could not close WebSocket session " + LogSafe.quote(getId()) + " on shutdown: "
						+ LogSafe.quote(String.valueOf(ex)));
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.tracked.serverClosing();
		super.close();
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		if (this.requestedClose == null) {
			this.requestedClose = status;
		}
		this.tracked.serverClosing();
		super.close(status);
	}

}
