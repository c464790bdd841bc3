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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.github.wsclose.PeerText;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * The reason of a close as it went on the wire, where the application gave a reason
 * longer than a close frame can carry (123 UTF-8 bytes): the containers hand the
 * handler's {@code afterConnectionClosed} the reason the application gave, whole, but put
 * only what fits in the close frame, each in its own way.
 *
 * <ul>
 * <li>Tomcat ({@code WsSession.appendCloseReasonWithTruncation}, 10.1 and 11.0): the
 * characters that fit in 120 bytes, each encoded on its own, then {@code "…"} (U+2026,
 * three bytes).</li>
 * <li>Jetty and any other container: the first 123 bytes, never inside a character (Jetty
 * 12's {@code CloseStatus}).</li>
 * </ul>
 * A SockJS session is left alone: its close reason travels in a SockJS frame, which has
 * no such limit. Tested against each container by {@code ServerReasonOnTheWireTests}.
 */
final class ServerCloseReasons {

	private static final String TOMCAT_PACKAGE = "org.apache.tomcat.websocket.";

	private static final byte[] ELLIPSIS = "\u2026".getBytes(StandardCharsets.UTF_8);

	private ServerCloseReasons() {
	}

	/**
	 * Return the reason as the session's container put it in the close frame.
	 * @param session the container's session (not a decorator)
	 * @param requested the status the application asked to close with, if it did
	 * @param reported the status the container reported
	 * @return the reason as sent
	 */
	static @Nullable String asSent(WebSocketSession session, @Nullable CloseStatus requested, CloseStatus reported) {
		String reason = reported.getReason();
		if (!(session instanceof NativeWebSocketSession nativeSession)) {
			return reason;
		}
		if ((reason == null || tooLong(reason)) && requested != null && requested.getCode() == reported.getCode()
				&& requested.getReason() != null && tooLong(requested.getReason())) {
			// the application's own reason, too long for a close frame: Jetty reports
			// none, Tomcat the whole of it
			reason = requested.getReason();
		}
		if (reason == null || !tooLong(reason)) {
			return reason;
		}
		Object container = nativeSession.getNativeSession();
		if (container != null && container.getClass().getName().startsWith(TOMCAT_PACKAGE)) {
			return tomcatCut(reason);
		}
		return PeerText.cutReason(reason);
	}

	private static boolean tooLong(String reason) {
		return reason.length() * 3 > PeerText.MAX_REASON_BYTES
				&& reason.getBytes(StandardCharsets.UTF_8).length > PeerText.MAX_REASON_BYTES;
	}

	/**
	 * Tomcat's cut: each character encoded on its own (a surrogate half becomes
	 * {@code '?'}) while 120 bytes are not used up, then an ellipsis.
	 */
	static String tomcatCut(String reason) {
		ByteArrayOutputStream wire = new ByteArrayOutputStream(PeerText.MAX_REASON_BYTES);
		int remaining = PeerText.MAX_REASON_BYTES - ELLIPSIS.length;
		for (int i = 0; i < reason.length(); i++) {
			byte[] next = reason.substring(i, i + 1).getBytes(StandardCharsets.UTF_8);
			if (next.length > remaining) {
				break;
			}
			wire.write(next, 0, next.length);
			remaining -= next.length;
		}
		wire.write(ELLIPSIS, 0, ELLIPSIS.length);
		return wire.toString(StandardCharsets.UTF_8);
	}

}
