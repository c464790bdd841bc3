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

package io.github.wsclose.benchmarks;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A {@link WebSocketSession} with no connection behind it: the container's side of a
 * session, reduced to what the handlers under measurement read. It allocates nothing.
 */
final class BenchmarkWebSocketSession implements WebSocketSession {

	private static final URI URI = java.net.URI.create("ws://localhost:8080/echo");

	private final String id;

	BenchmarkWebSocketSession(String id) {
		this.id = id;
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public URI getUri() {
		return URI;
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return HttpHeaders.EMPTY;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return Map.of();
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return null;
	}

	@Override
	public @Nullable InetSocketAddress getLocalAddress() {
		return null;
	}

	@Override
	public @Nullable InetSocketAddress getRemoteAddress() {
		return null;
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		return null;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getTextMessageSizeLimit() {
		return 8192;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return 8192;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) {
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public void close() {
	}

	@Override
	public void close(CloseStatus status) {
	}

	@Override
	public String toString() {
		return "BenchmarkWebSocketSession[id=" + this.id + "]";
	}

}
