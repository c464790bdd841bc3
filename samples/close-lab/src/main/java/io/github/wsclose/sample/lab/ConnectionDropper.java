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

import java.io.IOException;
import java.lang.reflect.Field;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsRemoteEndpointBase;
import org.apache.tomcat.websocket.WsRemoteEndpointImplBase;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Ends a WebSocket session the way a crashed server or a cut cable would: the TCP
 * connection is closed with no close frame.
 *
 * <p>
 * Neither Spring's {@code WebSocketSession} nor Jakarta WebSocket's {@code Session} can
 * do that: every close they offer sends a close frame. On Tomcat, the remote endpoint
 * behind the session ({@link WsRemoteEndpointImplBase}) has a public {@code close()} that
 * closes the socket; it is reached through the protected {@code base} field of the
 * session's {@link WsRemoteEndpointBase}, read by reflection.
 */
final class ConnectionDropper {

	private ConnectionDropper() {
	}

	static void drop(WebSocketSession session) throws IOException {
		WebSocketSession delegate = WebSocketSessionDecorator.unwrap(session);
		if (!(delegate instanceof NativeWebSocketSession nativeSession)
				|| !(nativeSession.getNativeSession() instanceof Session jakartaSession)) {
			throw new IOException("Cannot drop " + session + ": it is not a Jakarta WebSocket session");
		}
		RemoteEndpoint.Async remote = jakartaSession.getAsyncRemote();
		if (!(remote instanceof WsRemoteEndpointBase tomcatRemote)) {
			throw new IOException("Cannot drop " + session + ": it is not a Tomcat WebSocket session");
		}
		try {
			Field base = WsRemoteEndpointBase.class.getDeclaredField("base");
			base.setAccessible(true);
			((WsRemoteEndpointImplBase) base.get(tomcatRemote)).close();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IOException("Cannot drop " + session + " on this Tomcat", ex);
		}
	}

}
