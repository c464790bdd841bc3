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

import io.github.wsclose.CloseCause;
import io.github.wsclose.LogSafe;
import io.github.wsclose.TrackedSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The session the decorated handler sees: notices when this side asks to close it, and
 * why, and counts the messages sent.
 *
 * @since 0.1.0
 */
final class CloseReportingWebSocketSession extends WebSocketSessionDecorator {

	private static final Log logger = LogFactory.getLog(CloseReportingWebSocketSession.class);

	/** Spring's code for closes of the send limits and of the first-message check. */
	private static final int SESSION_NOT_RELIABLE = 4500;

	private static final int PROTOCOL_ERROR = 1002;

	private final TrackedSession tracked;

	private volatile @Nullable CloseStatus requestedClose;

	private final boolean subProtocol;

	/**
	 * The thread handling a message of the session now, on a sub-protocol endpoint.
	 */
	private volatile @Nullable Thread handling;

	private volatile boolean clientDisconnected;

	CloseReportingWebSocketSession(WebSocketSession session, TrackedSession tracked, boolean subProtocol) {
		super(session);
		this.tracked = tracked;
		this.subProtocol = subProtocol;
	}

	/**
	 * Note that the current thread handles a message of the session, or no longer does.
	 * @param thread the thread, or {@code null} when done
	 */
	void handling(@Nullable Thread thread) {
		this.handling = thread;
	}

	/**
	 * Note that the client sent STOMP's {@code DISCONNECT}.
	 */
	void clientDisconnected() {
		this.clientDisconnected = true;
	}

	boolean isSubProtocol() {
		return this.subProtocol;
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

	/**
	 * Send a message, counting it once the send completed.
	 */
	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		this.tracked.sendStarted();
		try {
			super.sendMessage(message);
			this.tracked.messageSent();
		}
		finally {
			this.tracked.sendEnded();
		}
	}

	@Override
	public void close() throws IOException {
		this.tracked.cause(CloseCause.APPLICATION);
		this.tracked.serverClosing();
		super.close();
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		if (this.requestedClose == null) {
			this.requestedClose = status;
		}
		this.tracked.cause(causeOf(status));
		this.tracked.serverClosing();
		super.close(status);
	}

	/**
	 * Tell why this side closes the session, from what the close shows: 4500 is Spring's
	 * {@code SESSION_NOT_RELIABLE}, the status of a
	 * {@code ConcurrentWebSocketSessionDecorator}'s {@code SessionLimitExceededException}
	 * (its send-time or buffer-size limit), and of STOMP's check of a session that sent
	 * nothing within {@code timeToFirstMessage} (no message received, no send under way);
	 * an application that closes with 4500 for a reason of its own reads as the send
	 * limit. STOMP closes with 1002 after an ERROR frame: for a bad frame of the client
	 * while its message is handled, after the client's {@code DISCONNECT}, and, from the
	 * broker's heart-beat task, when the client's heart-beats stopped.
	 */
	private CloseCause causeOf(CloseStatus status) {
		int code = status.getCode();
		if (code == SESSION_NOT_RELIABLE) {
			boolean firstMessageCheck = this.subProtocol && this.tracked.getMessagesReceived() == 0
					&& !this.tracked.isSending();
			return firstMessageCheck ? CloseCause.NO_FIRST_MESSAGE : CloseCause.SEND_LIMIT;
		}
		else if (code == PROTOCOL_ERROR && this.subProtocol) {
			if (this.handling == Thread.currentThread()) {
				return CloseCause.PROTOCOL_ERROR;
			}
			return this.clientDisconnected ? CloseCause.PEER_CLOSED : CloseCause.HEARTBEAT_TIMEOUT;
		}
		return CloseCause.APPLICATION;
	}

}
