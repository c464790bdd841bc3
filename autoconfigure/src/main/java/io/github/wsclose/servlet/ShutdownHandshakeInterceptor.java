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
import java.util.function.Supplier;

import io.github.wsclose.CloseReporter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a WebSocket handshake with 503 (Service Unavailable) once the application is
 * shutting down. A session upgraded while the server stops may never be opened by the
 * container (Tomcat and Jetty answered 101 and then ended the connection without calling
 * the handler), so it could never be closed with 1001 or reported; a refused handshake is
 * one the client sees and can retry elsewhere.
 */
final class ShutdownHandshakeInterceptor implements HandshakeInterceptor {

	private final Supplier<CloseReporter> reporter;

	ShutdownHandshakeInterceptor(Supplier<CloseReporter> reporter) {
		this.reporter = reporter;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (this.reporter.get().isShuttingDown()) {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return false;
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
