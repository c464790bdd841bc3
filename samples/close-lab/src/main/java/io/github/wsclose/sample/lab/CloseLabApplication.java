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

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The close-code lab: a page at {@code http://localhost:8080/} that opens WebSockets to
 * {@code /lab/socket}, closes them from the browser or the server with any code, drops
 * them, and shows side by side the browser's {@code CloseEvent} and the server's
 * {@code WebSocketSessionClosedEvent}, pushed live over server-sent events from
 * {@code /lab/events} (not a WebSocket, so the lab's own channel is never counted).
 */
@SpringBootApplication
@EnableWebSocket
public class CloseLabApplication implements WebSocketConfigurer {

	/**
	 * The path of the lab's WebSocket endpoint.
	 */
	public static final String SOCKET_PATH = "/lab/socket";

	/**
	 * The path of an endpoint whose handshake interceptor refuses every client with 401,
	 * the way an authentication check says no.
	 */
	public static final String REFUSED_PATH = "/lab/refused";

	private final LabEvents events;

	CloseLabApplication(LabEvents events) {
		this.events = events;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new LabSocketHandler(this.events), SOCKET_PATH);
		registry.addHandler(new LabSocketHandler(this.events), REFUSED_PATH).addInterceptors(new Unauthorized());
	}

	/**
	 * Refuses every handshake with 401.
	 */
	static final class Unauthorized implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) {
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				Exception exception) {
		}

	}

	public static void main(String[] args) {
		SpringApplication.run(CloseLabApplication.class, args);
	}

}
