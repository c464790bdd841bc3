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

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A reactive {@link WebSocketSession} whose inbound messages, close status and open state
 * a test controls.
 */
class StubWebSocketSession implements WebSocketSession {

	private final HandshakeInfo handshakeInfo;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final Sinks.Many<WebSocketMessage> inbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.One<CloseStatus> closeStatus = Sinks.one();

	private final List<CloseStatus> closedWith = new CopyOnWriteArrayList<>();

	private volatile boolean open = true;

	private volatile Runnable onInboundCancel = () -> {
	};

	private final List<Runnable> onConnectionClose = new CopyOnWriteArrayList<>();

	StubWebSocketSession() {
		this(Mono.empty());
	}

	StubWebSocketSession(Mono<Principal> principal) {
		this.handshakeInfo = new HandshakeInfo(URI.create("ws://localhost/chat/7"), new HttpHeaders(), principal, null);
	}

	void peerSends(String text) {
		this.inbound.tryEmitNext(textMessage(text));
	}

	/**
	 * The peer's close frame arrives, or with {@code null} the connection ends with none:
	 * the close status resolves (or completes empty), the inbound messages complete and
	 * the connection closes.
	 */
	void peerCloses(@Nullable CloseStatus status) {
		if (status != null) {
			this.closeStatus.tryEmitValue(status);
		}
		else {
			this.closeStatus.tryEmitEmpty();
		}
		this.open = false;
		this.inbound.tryEmitComplete();
		connectionCloses();
	}

	/**
	 * The connection fails: it closes, the close status completes empty and the inbound
	 * messages fail.
	 */
	void transportFails(Throwable error) {
		this.closeStatus.tryEmitEmpty();
		this.open = false;
		connectionCloses();
		this.inbound.tryEmitError(error);
	}

	/**
	 * The inbound messages fail while the session still looks open and its close status
	 * is not known yet, as on Reactor Netty when the peer resets the connection.
	 */
	void inboundFails(Throwable error) {
		this.inbound.tryEmitError(error);
	}

	void resolveCloseStatus(CloseStatus status) {
		this.closeStatus.tryEmitValue(status);
	}

	void failCloseStatus(Throwable error) {
		this.closeStatus.tryEmitError(error);
	}

	void setOpen(boolean open) {
		this.open = open;
	}

	/**
	 * What happens, synchronously, when the handler cancels the inbound messages.
	 */
	void onInboundCancel(Runnable action) {
		this.onInboundCancel = action;
	}

	/**
	 * What happens once the connection has closed, as Reactor Netty's channel close
	 * future tells.
	 */
	void onConnectionClose(Runnable action) {
		this.onConnectionClose.add(action);
	}

	private void connectionCloses() {
		this.onConnectionClose.forEach(Runnable::run);
	}

	/**
	 * Return how many subscribers the close status has now.
	 */
	int closeStatusSubscribers() {
		return this.closeStatus.currentSubscriberCount();
	}

	List<CloseStatus> closedWith() {
		return this.closedWith;
	}

	@Override
	public String getId() {
		return "stub-1";
	}

	@Override
	public HandshakeInfo getHandshakeInfo() {
		return this.handshakeInfo;
	}

	@Override
	public DataBufferFactory bufferFactory() {
		return DefaultDataBufferFactory.sharedInstance;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public Flux<WebSocketMessage> receive() {
		return this.inbound.asFlux().doOnCancel(() -> this.onInboundCancel.run());
	}

	@Override
	public Mono<Void> send(Publisher<WebSocketMessage> messages) {
		return Flux.from(messages).then();
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public Mono<Void> close(CloseStatus status) {
		return Mono.fromRunnable(() -> {
			this.closedWith.add(status);
			this.closeStatus.tryEmitValue(status);
			this.open = false;
			this.inbound.tryEmitComplete();
			connectionCloses();
		});
	}

	@Override
	public Mono<CloseStatus> closeStatus() {
		return this.closeStatus.asMono();
	}

	@Override
	public WebSocketMessage textMessage(String payload) {
		return new WebSocketMessage(WebSocketMessage.Type.TEXT,
				DefaultDataBufferFactory.sharedInstance.wrap(payload.getBytes()));
	}

	@Override
	public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return new WebSocketMessage(WebSocketMessage.Type.BINARY, payloadFactory.apply(bufferFactory()));
	}

	@Override
	public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return new WebSocketMessage(WebSocketMessage.Type.PING, payloadFactory.apply(bufferFactory()));
	}

	@Override
	public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return new WebSocketMessage(WebSocketMessage.Type.PONG, payloadFactory.apply(bufferFactory()));
	}

	@Override
	public String toString() {
		return "StubWebSocketSession";
	}

}
