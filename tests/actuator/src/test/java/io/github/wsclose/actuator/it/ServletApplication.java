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

package io.github.wsclose.actuator.it;

import java.io.IOException;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.CloseStatus;
import org.eclipse.jetty.websocket.api.Session;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.server.HandshakeHandler;

/**
 * A Spring MVC application with one echo handler mapped at {@link Observed#ECHO} and
 * {@link Observed#ROOMS}, on the server {@link ActuatorServer} names. The message
 * {@code close:CODE:REASON} makes the handler close the session with that code and
 * reason, however long; {@code throw} makes it throw; {@code drop} ends the connection
 * with no close frame (Jetty only).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSocket
@Import(Observed.class)
class ServletApplication implements WebSocketConfigurer {

	private final HandshakeHandler handshakeHandler;

	ServletApplication(HandshakeHandler handshakeHandler) {
		this.handshakeHandler = handshakeHandler;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
				String text = message.getPayload();
				if (text.startsWith("close:")) {
					String[] parts = text.split(":", 3);
					session.close(new CloseStatus(Integer.parseInt(parts[1]), parts[2]));
				}
				else if (text.equals("throw")) {
					throw new IllegalStateException("the handler was asked to throw");
				}
				else if (text.equals("drop")) {
					drop(session);
				}
				else {
					session.sendMessage(message);
				}
			}

		}, Observed.ECHO, Observed.ROOMS).setHandshakeHandler(this.handshakeHandler);
	}

	/**
	 * End the TCP connection with no close frame, through Jetty's public
	 * {@code Session.disconnect()}; Tomcat has no public way (the lab reaches it by
	 * reflection, and its browser test covers Tomcat).
	 */
	private static void drop(WebSocketSession session) {
		WebSocketSession container = WebSocketSessionDecorator.unwrap(session);
		if (container instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof Session jetty) {
			jetty.disconnect();
			return;
		}
		throw new UnsupportedOperationException("No public way to drop the connection of " + container);
	}

}
