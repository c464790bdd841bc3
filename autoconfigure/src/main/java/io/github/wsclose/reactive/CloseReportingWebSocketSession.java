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

	CloseReportingWebSocketSession(WebSocketSession delegate, SessionCloseWatcher watcher) {
		this.delegate = delegate;
		this.watcher = watcher;
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
	 * Return the delegate's inbound messages, their signals noted by the watcher.
	 */
	@Override
	public Flux<WebSocketMessage> receive() {
		return this.delegate.receive().tap(this.watcher::inboundSignals);
	}

	/**
	 * Send the messages, their signals noted by the watcher as the server takes them.
	 */
	@Override
	public Mono<Void> send(Publisher<WebSocketMessage> messages) {
		return this.delegate.send(Flux.from(messages).tap(this.watcher::outboundSignals));
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
