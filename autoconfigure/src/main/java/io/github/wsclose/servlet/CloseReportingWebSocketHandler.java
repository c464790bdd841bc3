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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wsclose.CloseCause;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.TrackedSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * A {@link WebSocketHandlerDecorator} that reports how each session of the decorated
 * handler ended to a {@link CloseReporter}: exactly once per session, even when
 * {@code afterConnectionClosed} is called twice.
 *
 * <p>
 * The delegate sees a decorated session that notices server-side {@code close(...)}
 * calls, which is how the close's {@linkplain io.github.wsclose.Initiator initiator} is
 * known. Transport errors are recorded before the delegate's {@code handleTransportError}
 * runs. The delegate's callbacks keep their semantics: they are always called and their
 * exceptions propagate. An exception from a handler callback marks the session as closed
 * by the server, since Spring answers it with 1011. A SockJS session over an HTTP
 * transport that SockJS ends by itself (its client vanished, or a write to it failed) is
 * closed by the server with a transport error ({@link SockJsTransportCloses}).
 *
 * <p>
 * Every message is counted as it reaches the delegate, and every completed send through
 * the decorated session. The {@linkplain io.github.wsclose.CloseCause cause} comes from
 * what the decorator sees happen: the delegate's exception ({@code handler_error}), the
 * decorated session's {@code close(...)} and what it shows (the application, Spring's
 * send limits and STOMP's first-message and heart-beat checks), SockJS's own closes, and
 * the containers' idle timeouts (read by the {@link CloseReporter}).
 *
 * <p>
 * Every handler registered through a {@code WebSocketConfigurer} or a STOMP endpoint is
 * decorated automatically. Wrap a handler yourself only when you build a handler mapping
 * by hand:
 *
 * <pre class="code">
 * new WebSocketHttpRequestHandler(new CloseReportingWebSocketHandler(myHandler, closeReporter, "/chat"));
 * </pre>
 *
 * @since 0.1.0
 */
public class CloseReportingWebSocketHandler extends WebSocketHandlerDecorator {

	private final CloseReporter reporter;

	private final @Nullable String endpoint;

	private final Map<WebSocketSession, CloseReportingWebSocketSession> sessions = new ConcurrentHashMap<>();

	private final boolean subProtocol;

	/**
	 * Create a decorator.
	 * @param delegate the handler to decorate
	 * @param reporter the reporter to report opens and closes to
	 * @param endpoint the path pattern the handler is mapped to, or {@code null} when not
	 * known (reported as {@code unknown} in meters)
	 */
	public CloseReportingWebSocketHandler(WebSocketHandler delegate, CloseReporter reporter,
			@Nullable String endpoint) {
		super(delegate);
		this.reporter = reporter;
		this.endpoint = endpoint;
		this.subProtocol = StompEndpoints.isStomp(delegate);
	}

	/**
	 * Return the path pattern this handler reports sessions on.
	 * @return the endpoint, or {@code null} when not known
	 */
	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		TrackedSession tracked = this.reporter.opened(session.getId(), this.endpoint, session.getUri(),
				session.getPrincipal());
		CloseReportingWebSocketSession decorated = new CloseReportingWebSocketSession(session, tracked,
				this.subProtocol);
		this.sessions.put(session, decorated);
		tracked.closeOnShutdownWith(decorated::closeGoingAway);
		try {
			super.afterConnectionEstablished(decorated);
		}
		catch (Throwable ex) {
			tracked.cause(CloseCause.HANDLER_ERROR);
			tracked.serverClosing();
			throw ex;
		}
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		CloseReportingWebSocketSession decorated = this.sessions.get(session);
		if (decorated == null) {
			super.handleMessage(session, message);
			return;
		}
		TrackedSession tracked = decorated.tracked();
		tracked.messageReceived();
		if (!decorated.isSubProtocol()) {
			try {
				super.handleMessage(decorated, message);
			}
			catch (Throwable ex) {
				tracked.cause(CloseCause.HANDLER_ERROR);
				tracked.serverClosing();
				throw ex;
			}
			return;
		}
		if (StompEndpoints.isDisconnect(message)) {
			decorated.clientDisconnected();
		}
		decorated.handling(Thread.currentThread());
		try {
			super.handleMessage(decorated, message);
		}
		catch (Throwable ex) {
			tracked.cause(CloseCause.HANDLER_ERROR);
			tracked.serverClosing();
			throw ex;
		}
		finally {
			decorated.handling(null);
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
		CloseReportingWebSocketSession decorated = this.sessions.get(session);
		if (decorated == null) {
			super.handleTransportError(session, exception);
			return;
		}
		decorated.tracked().transportError(exception);
		super.handleTransportError(decorated, exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		CloseReportingWebSocketSession decorated = this.sessions.remove(session);
		if (decorated == null) {
			super.afterConnectionClosed(session, closeStatus);
			return;
		}
		SockJsTransportCloses.closed(session, decorated.tracked(), closeStatus);
		this.reporter.closed(decorated.tracked(), closeStatus.getCode(),
				ServerCloseReasons.asSent(session, decorated.requestedClose(), closeStatus));
		super.afterConnectionClosed(decorated, closeStatus);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [endpoint=" + this.endpoint + ", delegate=" + getDelegate() + "]";
	}

}
