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

package io.github.wsclose.benchmarks.server;

import java.util.Map;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Wraps a reactive handler in the Reactor operators the starter's reactive adapter adds
 * to each session, and reports nothing: the end-to-end benchmark's
 * {@code --control operators} server, which measures what those operators cost the server
 * by themselves.
 *
 * <p>
 * The parts, any of them, comma-separated: {@code status}, the close status subscribed to
 * as the session opens; {@code session}, a decorated session whose inbound and outbound
 * each have a {@code tap} with a listener of their signals; {@code mono}, the handler's
 * {@code Mono} deferred and watched with a {@code tap}. They mirror
 * {@code SessionCloseWatcher} and {@code CloseReportingWebSocketSession}.
 */
public final class OperatorsOnlyHandler implements WebSocketHandler {

	/**
	 * The system property of the server that names the parts.
	 */
	public static final String PROPERTY = "wsclose.benchmarks.operators-only";

	/**
	 * Every part.
	 */
	public static final String ALL = "status,session,mono";

	private final WebSocketHandler delegate;

	private final boolean status;

	private final boolean session;

	private final boolean mono;

	/**
	 * Volatile writes, as the starter's notes are, so that no operator is optimized away.
	 */
	private volatile long signals;

	/**
	 * Create a wrapper.
	 * @param delegate the application's handler
	 * @param parts the parts to add
	 */
	public OperatorsOnlyHandler(WebSocketHandler delegate, String parts) {
		this.delegate = delegate;
		this.status = parts.contains("status");
		this.session = parts.contains("session");
		this.mono = parts.contains("mono");
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		if (this.status) {
			session.closeStatus().subscribe((closeStatus) -> note(), (ex) -> note(), this::note);
		}
		WebSocketSession seen = this.session ? new Session(session) : session;
		if (!this.mono) {
			return this.delegate.handle(seen);
		}
		return Mono.defer(() -> this.delegate.handle(seen)).tap(Signals::new);
	}

	private void note() {
		this.signals++;
	}

	/**
	 * Notes every signal the starter's listeners note.
	 */
	private final class Signals<T> extends DefaultSignalListener<T> {

		@Override
		public void doOnNext(T value) {
			note();
		}

		@Override
		public void doOnComplete() {
			note();
		}

		@Override
		public void doOnError(Throwable error) {
			note();
		}

		@Override
		public void doOnCancel() {
			note();
		}

		@Override
		public void doFinally(SignalType terminationType) {
			note();
		}

	}

	private final class Session implements WebSocketSession {

		private final WebSocketSession delegate;

		Session(WebSocketSession delegate) {
			this.delegate = delegate;
		}

		@Override
		public Flux<WebSocketMessage> receive() {
			return this.delegate.receive().tap(Signals::new);
		}

		@Override
		public Mono<Void> send(Publisher<WebSocketMessage> messages) {
			return this.delegate.send(Flux.from(messages).tap(Signals::new));
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

		@Override
		public boolean isOpen() {
			return this.delegate.isOpen();
		}

		@Override
		public Mono<Void> close(CloseStatus status) {
			return Mono.defer(() -> {
				note();
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

	}

}
