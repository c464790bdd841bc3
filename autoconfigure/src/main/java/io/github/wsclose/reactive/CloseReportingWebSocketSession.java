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

package io.github.wsclose.reactive;

import java.util.Map;
import java.util.function.Function;

import io.github.wsclose.TrackedSession;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The session a {@link CloseReportingWebSocketHandler}'s delegate sees: it delegates to
 * the session the server created, and notes the messages each way, the application's
 * close, and the failures of its inbound and outbound messages.
 *
 * <p>
 * A handler that needs the server's own session type, for example to read Reactor Netty's
 * channel id, gets it with {@link #getDelegate()}.
 *
 * @since 0.1.0
 */
public final class CloseReportingWebSocketSession implements WebSocketSession {

	private final WebSocketSession delegate;

	private final SessionCloseWatcher watcher;

	private final TrackedSession tracked;

	CloseReportingWebSocketSession(WebSocketSession delegate, SessionCloseWatcher watcher) {
		this.delegate = delegate;
		this.watcher = watcher;
		this.tracked = watcher.tracked();
	}

	/**
	 * Return the session this one delegates to, as the server created it.
	 * @return the decorated session
	 */
	public WebSocketSession getDelegate() {
		return this.delegate;
	}

	@Override
	public String getId() {
		return this.delegate.getId();
	}

	@Override
	public HandshakeInfo getHandshakeInfo() {
		return this.delegate.getHandshakeInfo();
	}

	@Override
	public DataBufferFactory bufferFactory() {
		return this.delegate.bufferFactory();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.delegate.getAttributes();
	}

	/**
	 * Return the delegate's inbound messages, noting each one, an error of the stream as
	 * the session's transport error, and whether the handler is cancelling the stream
	 * ({@code doOnCancel} runs before the cancel reaches the server, {@code doFinally}
	 * after).
	 */
	@Override
	public Flux<WebSocketMessage> receive() {
		return this.delegate.receive()
			.doOnNext((message) -> this.tracked.messageReceived())
			.doOnError(this.watcher::inboundFailed)
			.doFinally((signal) -> this.watcher.inboundCancelling(false))
			.doOnCancel(() -> this.watcher.inboundCancelling(true));
	}

	/**
	 * Send the messages, noting each one as the server takes it, and an error of their
	 * publisher (the handler's own pipeline).
	 */
	@Override
	public Mono<Void> send(Publisher<WebSocketMessage> messages) {
		return this.delegate.send(Flux.from(messages)
			.doOnNext((message) -> this.tracked.messageSent())
			.doOnError(this.watcher::outboundFailed));
	}

	@Override
	public boolean isOpen() {
		return this.delegate.isOpen();
	}

	/**
	 * Close the session, noting on subscription that this side started the close.
	 */
	@Override
	public Mono<Void> close(CloseStatus status) {
		return Mono.defer(() -> {
			this.watcher.applicationClosing();
			return this.delegate.close(status);
		});
	}

	@Override
	public Mono<CloseStatus> closeStatus() {
		return this.delegate.closeStatus();
	}

	@Override
	public WebSocketMessage textMessage(String payload) {
		return this.delegate.textMessage(payload);
	}

	@Override
	public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return this.delegate.binaryMessage(payloadFactory);
	}

	@Override
	public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return this.delegate.pingMessage(payloadFactory);
	}

	@Override
	public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return this.delegate.pongMessage(payloadFactory);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [delegate=" + this.delegate + "]";
	}

}
