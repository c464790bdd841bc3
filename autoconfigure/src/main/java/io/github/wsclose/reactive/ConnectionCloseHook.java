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

import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * How a {@link SessionCloseWatcher} learns that a session's connection has closed, on a
 * server where it subscribes to the session's close status only when needed rather than
 * as the session opens.
 *
 * @since 0.1.0
 */
@FunctionalInterface
interface ConnectionCloseHook {

	/**
	 * The hook of servers whose close status is subscribed to as the session opens.
	 */
	ConnectionCloseHook NONE = (session, watcher) -> false;

	/**
	 * Have {@link SessionCloseWatcher#connectionClosed()} called once the session's
	 * connection has closed, if the session is one whose close status is better
	 * subscribed to only when needed.
	 * @param session the session, as the server created it
	 * @param watcher the watcher of the session
	 * @return whether the watcher will be told; if not, it must subscribe to the close
	 * status at once
	 */
	boolean register(WebSocketSession session, SessionCloseWatcher watcher);

	/**
	 * Return the hook for the servers on the classpath: Reactor Netty's sessions, when
	 * Reactor Netty's HTTP server is there, are watched through their channel.
	 * @param classLoader the class loader to look for Reactor Netty with
	 * @return the hook
	 */
	static ConnectionCloseHook forServers(ClassLoader classLoader) {
		if (ClassUtils.isPresent("reactor.netty.http.websocket.WebsocketInbound", classLoader)
				&& ClassUtils.isPresent("io.netty.channel.ChannelFutureListener", classLoader)) {
			return ReactorNettyConnectionHook::register;
		}
		return NONE;
	}

}
