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

import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsWebSocketContainer;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The lab's socket. Text commands make the server end the session:
 * <ul>
 * <li>{@code close:CODE:REASON} closes with that code (1000-4999, what Spring's
 * {@code CloseStatus} accepts) and reason;</li>
 * <li>{@code throw:MESSAGE} throws from the handler, which Spring answers with 1011;</li>
 * <li>{@code drop} closes the TCP connection with no close frame;</li>
 * <li>{@code idle:MILLIS} sets the container's idle timeout of this session alone
 * (Jakarta WebSocket's {@code Session.setMaxIdleTimeout}), so that Tomcat ends it once
 * the page stays silent that long;</li>
 * <li>{@code flood} sends from two threads through a
 * {@link ConcurrentWebSocketSessionDecorator} whose buffer may hold 1 KiB only, the way
 * an application that broadcasts faster than its socket writes does, and closes the
 * session with the {@link SessionLimitExceededException}'s 4500 once the buffer
 * overflows.</li>
 * </ul>
 * A text message over Tomcat's text buffer (8 KiB by default) never reaches the handler:
 * Tomcat closes the session with 1009. Anything else is echoed. On opening, the server
 * sends {@code session:ID} with its own session id.
 */
class LabSocketHandler extends TextWebSocketHandler {

	/**
	 * Tomcat's session property that bounds how long writing a close frame with any code
	 * but 1000 may take, 50 ms by default.
	 */
	private static final String CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

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
		else if (text.startsWith("idle:")) {
			idle(session, text);
		}
		else if (text.equals("flood")) {
			flood(session);
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

	/**
	 * Set the idle timeout of this session only. Tomcat looks for expired sessions every
	 * {@code processPeriod} seconds of its background thread, 10 by default; the lab
	 * makes it every second, so that a 1 s timeout ends the session within about 2 s.
	 */
	private static void idle(WebSocketSession session, String command) throws IOException {
		long millis;
		try {
			millis = Long.parseLong(command.substring("idle:".length()).trim());
		}
		catch (NumberFormatException ex) {
			session.sendMessage(new TextMessage("error:'" + command + "' has no idle timeout in milliseconds"));
			return;
		}
		Session jakartaSession = jakartaSession(session);
		if (jakartaSession.getContainer() instanceof WsWebSocketContainer tomcat) {
			tomcat.setProcessPeriod(1);
		}
		jakartaSession.setMaxIdleTimeout(millis);
		session.sendMessage(new TextMessage("idle:" + millis));
	}

	/**
	 * Flood the session from two threads through a
	 * {@link ConcurrentWebSocketSessionDecorator} with a 1 KiB buffer-size limit: while
	 * one thread's 64 KiB message is being written, the other's is buffered, the buffer
	 * is over its limit, and the decorator throws {@link SessionLimitExceededException};
	 * the thread that gets it closes the session with its status, 4500, as Spring's STOMP
	 * support does. Tomcat's budget for writing a close frame other than 1000, 50 ms
	 * (which here includes waiting for the message being written), is raised to 5 s for
	 * this session, so that a loaded machine does not turn the close into a failed one.
	 */
	private static void flood(WebSocketSession session) {
		jakartaSession(session).getUserProperties().put(CLOSE_SEND_TIMEOUT, 5000L);
		ConcurrentWebSocketSessionDecorator concurrent = new ConcurrentWebSocketSessionDecorator(session, 10_000, 1024);
		TextMessage chunk = new TextMessage("flood:" + "x".repeat(64 * 1024));
		Runnable sender = () -> {
			try {
				for (int i = 0; i < 10_000 && concurrent.isOpen(); i++) {
					concurrent.sendMessage(chunk);
				}
			}
			catch (SessionLimitExceededException ex) {
				try {
					concurrent.close(ex.getStatus());
				}
				catch (IOException closeFailed) {
					// reported when the transport ends
				}
			}
			catch (IOException | RuntimeException ex) {
				// the session closed under the send
			}
		};
		for (int i = 1; i <= 2; i++) {
			Thread thread = new Thread(sender, "lab-flood-" + i);
			thread.setDaemon(true);
			thread.start();
		}
	}

	private static Session jakartaSession(WebSocketSession session) {
		WebSocketSession delegate = WebSocketSessionDecorator.unwrap(session);
		if (delegate instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof Session jakartaSession) {
			return jakartaSession;
		}
		throw new IllegalStateException(session + " is not a Jakarta WebSocket session");
	}

}
