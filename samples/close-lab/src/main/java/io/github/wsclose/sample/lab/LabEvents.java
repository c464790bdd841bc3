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
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.wsclose.WebSocketHandshakeRejectedEvent;
import io.github.wsclose.WebSocketSessionClosedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Pushes what the server sees of lab sockets to every open lab page, as server-sent
 * events: {@code open} when a session opened, {@code close} with the
 * {@link WebSocketSessionClosedEvent} when it closed, {@code rejected} with the
 * {@link WebSocketHandshakeRejectedEvent} of a handshake that never became a session.
 * Events are sent from one thread of their own, so a slow page never holds up the thread
 * that reports a close.
 */
@Component
class LabEvents implements DisposableBean {

	private static final Log logger = LogFactory.getLog(LabEvents.class);

	private static final long PAGE_TIMEOUT_MILLIS = 30 * 60 * 1000L;

	private final List<SseEmitter> pages = new CopyOnWriteArrayList<>();

	private final ExecutorService sender = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "lab-events");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Start sending events to a page.
	 * @return the emitter to return from the page's request
	 */
	SseEmitter subscribe() {
		SseEmitter page = new SseEmitter(PAGE_TIMEOUT_MILLIS);
		page.onCompletion(() -> this.pages.remove(page));
		page.onTimeout(page::complete);
		page.onError((ex) -> this.pages.remove(page));
		this.pages.add(page);
		send(page, "hello", new Hello(Instant.now()));
		return page;
	}

	void opened(WebSocketSession session) {
		broadcast("open", new ServerOpen(labId(session.getUri()), session.getId(), Instant.now()));
	}

	@EventListener
	void closed(WebSocketSessionClosedEvent event) {
		Throwable error = event.getTransportError();
		broadcast("close",
				new ServerClose(labId(event.getUri()), event.getSessionId(), event.getEndpoint(), event.getCode(),
						event.getReason(), event.getCloseCode().name(), event.getCloseCode().tagValue(),
						event.getCloseCode().category().tagValue(), event.isClean(), event.getInitiator().tagValue(),
						event.getDuration().toMillis(), (error != null) ? error.toString() : null,
						event.getOpenedAt().plus(event.getDuration()), event.getCloseCause().tagValue(),
						event.getIdleTime().toMillis(), event.getMessagesReceived(), event.getMessagesSent()));
	}

	@EventListener
	void rejected(WebSocketHandshakeRejectedEvent event) {
		broadcast("rejected", new ServerRejected(labId(event.getUri()), event.getEndpoint(),
				event.getOutcome().tagValue(), event.getStatus(), event.getOrigin(), event.getTime()));
	}

	/**
	 * Let pages go when the application stops, so that their open requests do not hold up
	 * a graceful shutdown.
	 */
	@EventListener(ContextClosedEvent.class)
	void stopping() {
		this.pages.forEach(SseEmitter::complete);
		this.pages.clear();
	}

	@Override
	public void destroy() {
		this.sender.shutdownNow();
	}

	private void broadcast(String name, Object data) {
		for (SseEmitter page : this.pages) {
			send(page, name, data);
		}
	}

	private void send(SseEmitter page, String name, Object data) {
		try {
			this.sender.execute(() -> {
				try {
					page.send(SseEmitter.event().name(name).data(data));
				}
				catch (IOException | IllegalStateException ex) {
					this.pages.remove(page);
					if (logger.isDebugEnabled()) {
						logger.debug("Lab page gone: " + ex);
					}
				}
			});
		}
		catch (RuntimeException ex) {
			// The application is stopping: the page will not hear of it.
		}
	}

	private static String labId(URI uri) {
		if (uri == null) {
			return null;
		}
		return UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("id");
	}

	/**
	 * Sent to a page when it subscribes.
	 *
	 * @param time the server's time
	 */
	record Hello(Instant time) {
	}

	/**
	 * A lab socket that opened on the server.
	 *
	 * @param id the page's id for the socket, from the {@code id} query parameter
	 * @param sessionId the server's session id
	 * @param time when it opened
	 */
	record ServerOpen(String id, String sessionId, Instant time) {
	}

	/**
	 * A {@link WebSocketHandshakeRejectedEvent}, as the page shows it.
	 *
	 * @param id the page's id for the attempt, from the {@code id} query parameter
	 * @param endpoint the endpoint pattern
	 * @param outcome the outcome's tag value
	 * @param status the HTTP status the server answered
	 * @param origin the {@code Origin} header the browser sent
	 * @param time when the server answered
	 */
	record ServerRejected(String id, String endpoint, String outcome, int status, String origin, Instant time) {
	}

	/**
	 * A {@link WebSocketSessionClosedEvent}, as the page shows it.
	 *
	 * @param id the page's id for the socket, from the {@code id} query parameter
	 * @param sessionId the server's session id
	 * @param endpoint the endpoint pattern
	 * @param code the close code
	 * @param reason the close reason
	 * @param name the code's name
	 * @param status the code's status tag
	 * @param category the code's category
	 * @param clean whether the close was clean, as the server sees it
	 * @param initiator who started the close
	 * @param durationMillis how long the session lived
	 * @param transportError the transport error seen, if any
	 * @param time when the session closed
	 * @param cause why the session ended, as the {@code cause} tag
	 * @param idleMillis how long the session had been silent when it closed
	 * @param messagesReceived how many messages the server received
	 * @param messagesSent how many messages the server sent
	 */
	record ServerClose(String id, String sessionId, String endpoint, int code, String reason, String name,
			String status, String category, boolean clean, String initiator, long durationMillis, String transportError,
			Instant time, String cause, long idleMillis, long messagesReceived, long messagesSent) {
	}

}
