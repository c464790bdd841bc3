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

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.Principal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;

import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.AbstractWebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession.WebSocketConnection;

/**
 * The watcher of a Reactor Netty session, which subscribes to the session's close status
 * only when needed and listens to the session's channel to learn that the connection
 * closed.
 *
 * <p>
 * A subscription to a Reactor Netty session's close status lives as long as the session
 * and keeps about 250 bytes of Reactor Netty's objects (its {@code receiveCloseStatus()}
 * races a sink against the end of the connection), where being a listener of the
 * channel's close future costs no object. Reactor Netty's close status replays what it
 * resolved to: its sink's value, or the end of the connection once the channel has
 * closed. A late subscription therefore resolves at once to what an early one would have
 * seen, provided it comes no later than the first of the events after which the close
 * status can change: the handler's inbound messages ending or being cancelled, the
 * handler ending, the server closing the session, the connection closing.
 *
 * <p>
 * The only class of the reactive adapter that refers to Reactor Netty's and Netty's
 * types: it is loaded only when Reactor Netty's HTTP server is on the classpath.
 *
 * @since 0.1.0
 */
final class ReactorNettySessionCloseWatcher extends SessionCloseWatcher implements ChannelFutureListener {

	private static final Log logger = LogFactory.getLog(ReactorNettySessionCloseWatcher.class);

	/**
	 * {@code ReactorNettyWebSocketSession.getDelegate()}, which is protected, or
	 * {@code null} when it cannot be reached (Spring on the module path): sessions then
	 * subscribe to their close status as they open.
	 */
	private static final @Nullable MethodHandle GET_CONNECTION = findGetConnection();

	private ReactorNettySessionCloseWatcher(CloseReportingWebSocketHandler handler,
			ReactorNettyWebSocketSession session, @Nullable Principal principal) {
		super(handler, session, principal);
	}

	/**
	 * Create the watcher of a session: one of this kind for a Reactor Netty session.
	 * @param handler the decorator that handles the session
	 * @param session the session, as the server created it
	 * @param principal the authenticated user, if any
	 * @return the watcher
	 */
	static SessionCloseWatcher create(CloseReportingWebSocketHandler handler, WebSocketSession session,
			@Nullable Principal principal) {
		if (GET_CONNECTION != null && session instanceof ReactorNettyWebSocketSession reactorNetty) {
			return new ReactorNettySessionCloseWatcher(handler, reactorNetty, principal);
		}
		return new SessionCloseWatcher(handler, session, principal);
	}

	/**
	 * Listen to the close future of the session's channel.
	 * @return whether the channel could be reached
	 */
	@Override
	boolean watchConnection() {
		MethodHandle getConnection = GET_CONNECTION;
		if (getConnection == null) {
			return false;
		}
		WebsocketInbound inbound;
		try {
			inbound = ((WebSocketConnection) getConnection.invokeExact((ReactorNettyWebSocketSession) session()))
				.getInbound();
		}
		catch (Throwable ex) {
			if (ex instanceof Error error) {
				throw error;
			}
			return false;
		}
		if (!(inbound instanceof Connection connection)) {
			return false;
		}
		connection.channel().closeFuture().addListener(this);
		return true;
	}

	/**
	 * The channel has closed: the close status has resolved.
	 */
	@Override
	public void operationComplete(ChannelFuture future) {
		connectionClosed();
	}

	private static @Nullable MethodHandle findGetConnection() {
		try {
			return MethodHandles.privateLookupIn(AbstractWebSocketSession.class, MethodHandles.lookup())
				.findVirtual(AbstractWebSocketSession.class, "getDelegate", MethodType.methodType(Object.class))
				.asType(MethodType.methodType(WebSocketConnection.class, ReactorNettyWebSocketSession.class));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Cannot reach the connection of Reactor Netty's WebSocket sessions; "
						+ "their close status is subscribed to as they open", ex);
			}
			return null;
		}
	}

}
