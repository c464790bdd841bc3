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

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Creates the {@link SessionCloseWatcher} of each session a
 * {@link CloseReportingWebSocketHandler} handles: one that subscribes to the session's
 * close status as the session opens, or, for a Reactor Netty session, a
 * {@link ReactorNettySessionCloseWatcher}, which subscribes only when needed.
 *
 * @since 0.1.0
 */
@FunctionalInterface
interface SessionCloseWatcherFactory {

	/**
	 * The factory of watchers that subscribe to the close status as the session opens.
	 */
	SessionCloseWatcherFactory EARLY = SessionCloseWatcher::new;

	/**
	 * Create the watcher of a session.
	 * @param handler the decorator that handles the session
	 * @param session the session, as the server created it
	 * @param principal the authenticated user, if any
	 * @return the watcher
	 */
	SessionCloseWatcher create(CloseReportingWebSocketHandler handler, WebSocketSession session,
			@Nullable Principal principal);

	/**
	 * Return the factory for the servers on the classpath. Reactor Netty's types are
	 * referred to only when Reactor Netty's HTTP server is there, so that the adapter
	 * loads without it.
	 * @param classLoader the class loader to look for Reactor Netty with
	 * @return the factory
	 */
	static SessionCloseWatcherFactory forServers(@Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent("reactor.netty.http.websocket.WebsocketInbound", classLoader)
				&& ClassUtils.isPresent("io.netty.channel.ChannelFutureListener", classLoader)) {
			return ReactorNettySessionCloseWatcher::create;
		}
		return EARLY;
	}

}
