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
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The session a {@link CloseReportingWebSocketHandler}'s delegate sees: it delegates
 * everything to the session the server created, and notices when this side closes it and
 * when its inbound messages fail.
 *
 * <p>
 * Handlers that need the server's own session type, for example to read Reactor Netty's
 * channel id, can get it with {@link #getDelegate()}.
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
	 * Return the delegate's inbound messages, noting an error of the stream as the
	 * session's transport error, and noting when cancelling the stream has the server
	 * close the session (as Reactor Netty does).
	 * @return the inbound messages
	 */
	@Override
	public Flux<WebSocketMessage> receive() {
		return new InboundMessages(this.delegate.receive(), this.watcher);
	}

	@Override
	public Mono<Void> send(Publisher<WebSocketMessage> messages) {
		return this.delegate.send(messages);
	}

	@Override
	public boolean isOpen() {
		return this.delegate.isOpen();
	}

	/**
	 * Close the session with the given status, noting, when the returned {@code Mono} is
	 * subscribed, that this side started the close.
	 * @param status the close status
	 * @return completes when the close has been sent
	 */
	@Override
	public Mono<Void> close(CloseStatus status) {
		return Mono.defer(() -> {
			this.watcher.serverClosing();
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

	/**
	 * The inbound messages, which are also the subscriber that passes them on to their
	 * subscriber, telling the watcher about the end of the stream and about the handler
	 * cancelling it, before and after the server sees the cancel.
	 *
	 * <p>
	 * One object where an operator and its subscriber would be two, both kept for as long
	 * as the session lives (the handler's pipeline keeps the operator); a second
	 * subscriber, which the servers refuse anyway, gets an instance of its own. An
	 * operator of its own rather than {@code Operators.lift}, which keeps a description
	 * string per session.
	 */
	private static final class InboundMessages extends Flux<WebSocketMessage>
			implements CoreSubscriber<WebSocketMessage>, Subscription {

		private static final AtomicIntegerFieldUpdater<InboundMessages> STATE = AtomicIntegerFieldUpdater
			.newUpdater(InboundMessages.class, "state");

		/**
		 * The {@link #state} once subscribed.
		 */
		private static final int SUBSCRIBED = 1;

		/**
		 * The {@link #state} once the messages completed or failed.
		 */
		private static final int TERMINATED = 2;

		private final Flux<WebSocketMessage> source;

		private final SessionCloseWatcher watcher;

		private @Nullable CoreSubscriber<? super WebSocketMessage> actual;

		private @Nullable Subscription upstream;

		private volatile int state;

		InboundMessages(Flux<WebSocketMessage> source, SessionCloseWatcher watcher) {
			this.source = source;
			this.watcher = watcher;
		}

		@Override
		public void subscribe(CoreSubscriber<? super WebSocketMessage> actual) {
			if (STATE.compareAndSet(this, 0, SUBSCRIBED)) {
				this.actual = actual;
				this.source.subscribe(this);
			}
			else {
				new InboundMessages(this.source, this.watcher).subscribe(actual);
			}
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			actual().onSubscribe(this);
		}

		@Override
		public void onNext(WebSocketMessage message) {
			actual().onNext(message);
		}

		@Override
		public void onError(Throwable error) {
			this.state = TERMINATED;
			this.watcher.inboundFailed(error);
			actual().onError(error);
		}

		@Override
		public void onComplete() {
			this.state = TERMINATED;
			this.watcher.inboundCompleted();
			actual().onComplete();
		}

		@Override
		public void request(long n) {
			upstream().request(n);
		}

		@Override
		public void cancel() {
			if (this.state == TERMINATED) {
				upstream().cancel();
				return;
			}
			this.watcher.inboundCancelling();
			try {
				upstream().cancel();
			}
			finally {
				this.watcher.inboundCancelled();
			}
		}

		@Override
		public Context currentContext() {
			return actual().currentContext();
		}

		private CoreSubscriber<? super WebSocketMessage> actual() {
			return SessionCloseWatcher.subscribed(this.actual);
		}

		private Subscription upstream() {
			return SessionCloseWatcher.subscribed(this.upstream);
		}

	}

}
