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

package io.github.wsclose.reactive.it;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * Runs client sessions with Reactor Netty's WebSocket client.
 */
final class TestClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	TestClient(int port) {
		this.port = port;
	}

	/**
	 * Run a client session to its end.
	 * @param path the path and query to connect to
	 * @param script what the client does
	 * @return what the client saw of the session
	 */
	ClientView run(String path, Function<WebSocketSession, Mono<Void>> script) {
		return run(path, List.of(), script);
	}

	/**
	 * Run a client session that asks for sub-protocols to its end.
	 * @param path the path and query to connect to
	 * @param subProtocols the sub-protocols to ask for
	 * @param script what the client does
	 * @return what the client saw of the session
	 */
	ClientView run(String path, List<String> subProtocols, Function<WebSocketSession, Mono<Void>> script) {
		AtomicReference<HandshakeInfo> handshake = new AtomicReference<>();
		AtomicReference<CloseStatus> closeStatus = new AtomicReference<>();
		WebSocketHandler handler = new WebSocketHandler() {

			@Override
			public List<String> getSubProtocols() {
				return subProtocols;
			}

			@Override
			public Mono<Void> handle(WebSocketSession session) {
				handshake.set(session.getHandshakeInfo());
				return script.apply(session).then(session.closeStatus().doOnNext(closeStatus::set)).then();
			}

		};
		new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + this.port + path), handler)
			.block(TIMEOUT);
		return new ClientView(handshake.get(), closeStatus.get());
	}

	/**
	 * Send a message and close the session once its echo is back, receiving until the
	 * server answers the close (cancelling {@code receive()} would have Reactor Netty
	 * send a close frame of its own).
	 * @param session the client session
	 * @param status the status to close with
	 * @return completes when the server answered the close
	 */
	static Mono<Void> closeAfterEcho(WebSocketSession session, CloseStatus status) {
		return session.send(Mono.just(session.textMessage("hello")))
			.thenMany(session.receive().concatMap((message) -> session.close(status)))
			.then();
	}

	/**
	 * What the client saw of a session.
	 *
	 * @param handshake the handshake
	 * @param closeStatus the close status
	 */
	record ClientView(HandshakeInfo handshake, CloseStatus closeStatus) {

	}

}
