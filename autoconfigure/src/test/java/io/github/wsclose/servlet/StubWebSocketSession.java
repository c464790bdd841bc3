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

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A {@link WebSocketSession} with no connection behind it, for unit tests of the servlet
 * decorators: it records what the handler sends and the statuses it is closed with.
 */
final class StubWebSocketSession implements WebSocketSession {

	private final String id;

	private final @Nullable URI uri;

	private final @Nullable Principal principal;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final List<WebSocketMessage<?>> sent = new ArrayList<>();

	private final List<CloseStatus> closeStatuses = new ArrayList<>();

	private int textMessageSizeLimit = 8192;

	private int binaryMessageSizeLimit = 8192;

	StubWebSocketSession(String id) {
		this(id, null, null);
	}

	StubWebSocketSession(String id, @Nullable URI uri, @Nullable Principal principal) {
		this.id = id;
		this.uri = uri;
		this.principal = principal;
	}

	/**
	 * Return the statuses the session was closed with, in order.
	 * @return the close statuses
	 */
	List<CloseStatus> closeStatuses() {
		return this.closeStatuses;
	}

	/**
	 * Return the messages sent on the session, in order.
	 * @return the messages
	 */
	List<WebSocketMessage<?>> sent() {
		return this.sent;
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public @Nullable URI getUri() {
		return this.uri;
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return new HttpHeaders();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return this.principal;
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
		this.textMessageSizeLimit = messageSizeLimit;
	}

	@Override
	public int getTextMessageSizeLimit() {
		return this.textMessageSizeLimit;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		this.binaryMessageSizeLimit = messageSizeLimit;
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return this.binaryMessageSizeLimit;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) {
		this.sent.add(message);
	}

	@Override
	public boolean isOpen() {
		return this.closeStatuses.isEmpty();
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) {
		this.closeStatuses.add(status);
	}

	@Override
	public String toString() {
		return "StubWebSocketSession[id=" + this.id + "]";
	}

}
