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

import io.github.wsclose.CloseCause;
import io.github.wsclose.TrackedSession;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.sockjs.SockJsTransportFailureException;
import org.springframework.web.socket.sockjs.transport.session.AbstractHttpSockJsSession;

/**
 * Tells what a close of a SockJS session over an HTTP transport (xhr_streaming,
 * xhr_polling, eventsource, htmlfile) means, since no client close frame exists there.
 *
 * <p>
 * A client of an HTTP transport never sends a close frame: it goes away by no longer
 * polling or streaming. Every close that the application did not ask for is therefore
 * SockJS's own, and each one means the transport failed or the client vanished:
 * <ul>
 * <li>3000 "Go away!" from the SockJS service's session cleanup, when the client has not
 * polled or streamed for longer than the disconnect delay;</li>
 * <li>1011 from {@code AbstractSockJsSession.writeFrame}, when writing a heartbeat or a
 * message to the HTTP response failed (the client's connection is gone). Spring hands the
 * handler no error in that case: the {@code IOException} is only logged at DEBUG under
 * {@code org.springframework.web.socket.sockjs.DisconnectedClient}, and the
 * {@link SockJsTransportFailureException} is thrown only after
 * {@code afterConnectionClosed};</li>
 * <li>any status after {@code tryCloseWithSockJsTransportError}, which calls
 * {@code handleTransportError} first.</li>
 * </ul>
 * Such a close is reported as closed by the server and, with the failure as its transport
 * error, not clean. Where Spring gave no error, the error is a
 * {@link SockJsTransportFailureException} that says what SockJS did.
 */
final class SockJsTransportCloses {

	/** SockJS's own close when a client does not come back: 3000 "Go away!". */
	private static final int GO_AWAY = 3000;

	private SockJsTransportCloses() {
	}

	/**
	 * Note what a close of a session means when the session is a SockJS session over an
	 * HTTP transport that the application did not close.
	 * @param session the session Spring reported the close on
	 * @param tracked the tracked session
	 * @param status the close status
	 */
	static void closed(WebSocketSession session, TrackedSession tracked, CloseStatus status) {
		if (tracked.isServerClosing() || !isHttpTransport(session)) {
			return;
		}
		tracked.cause(cause(status));
		tracked.serverClosing();
		if (tracked.getTransportError() == null) {
			tracked.transportError(new SockJsTransportFailureException(failure(status), tracked.getId(), null));
		}
	}

	private static boolean isHttpTransport(WebSocketSession session) {
		return WebSocketSessionDecorator.unwrap(session) instanceof AbstractHttpSockJsSession;
	}

	/**
	 * SockJS closes with 3000 "Go away!" when its disconnect delay passed with no client
	 * polling or streaming, and with 1011 when a write (a heartbeat to an idle session)
	 * failed.
	 */
	private static CloseCause cause(CloseStatus status) {
		if (status.getCode() == GO_AWAY) {
			return CloseCause.SOCKJS_ABANDONED;
		}
		if (status.getCode() == CloseStatus.SERVER_ERROR.getCode()) {
			return CloseCause.HEARTBEAT_TIMEOUT;
		}
		return CloseCause.UNKNOWN;
	}

	private static String failure(CloseStatus status) {
		if (status.getCode() == GO_AWAY) {
			return "The SockJS client did not poll or stream within the disconnect delay";
		}
		if (status.getCode() == CloseStatus.SERVER_ERROR.getCode()) {
			return "SockJS could not write to the client, which is gone";
		}
		return "SockJS closed the session with " + status.getCode();
	}

}
