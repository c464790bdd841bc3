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

package io.github.wsclose.sample.lab;

import java.io.IOException;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The lab's socket. Text commands make the server end the session:
 * <ul>
 * <li>{@code close:CODE:REASON} closes with that code (1000-4999, what Spring's
 * {@code CloseStatus} accepts) and reason;</li>
 * <li>{@code throw:MESSAGE} throws from the handler, which Spring answers with 1011;</li>
 * <li>{@code drop} closes the TCP connection with no close frame.</li>
 * </ul>
 * Anything else is echoed. On opening, the server sends {@code session:ID} with its own
 * session id.
 */
class LabSocketHandler extends TextWebSocketHandler {

	private final LabEvents events;

	LabSocketHandler(LabEvents events) {
		this.events = events;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		this.events.opened(session);
		session.sendMessage(new TextMessage("session:" + session.getId()));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		String text = message.getPayload();
		if (text.startsWith("close:")) {
			close(session, text);
		}
		else if (text.startsWith("throw:")) {
			throw new IllegalStateException("The lab was asked to throw: " + text.substring("throw:".length()));
		}
		else if (text.equals("drop")) {
			ConnectionDropper.drop(session);
		}
		else {
			session.sendMessage(new TextMessage("echo:" + text));
		}
	}

	private static void close(WebSocketSession session, String command) throws IOException {
		String[] parts = command.split(":", 3);
		int code;
		try {
			code = Integer.parseInt(parts[1].trim());
		}
		catch (NumberFormatException ex) {
			session.sendMessage(new TextMessage("error:'" + parts[1] + "' is not a close code"));
			return;
		}
		if (code < 1000 || code > 4999) {
			session.sendMessage(new TextMessage(
					"error:the server cannot close with " + code + ": Spring's CloseStatus takes 1000-4999 only"));
			return;
		}
		String reason = (parts.length > 2 && !parts[2].isEmpty()) ? parts[2] : null;
		session.close(new CloseStatus(code, reason));
	}

}
