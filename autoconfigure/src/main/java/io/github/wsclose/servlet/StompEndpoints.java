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

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * What the servlet adapter needs to know of STOMP endpoints: whether a handler is
 * Spring's {@link SubProtocolWebSocketHandler}, whose closes mean what its STOMP
 * machinery does, and whether a client's message is STOMP's {@code DISCONNECT}.
 */
final class StompEndpoints {

	private static final boolean MESSAGING_PRESENT = ClassUtils
		.isPresent("org.springframework.messaging.MessageHandler", StompEndpoints.class.getClassLoader());

	private static final String DISCONNECT = "DISCONNECT";

	private StompEndpoints() {
	}

	/**
	 * Return whether a handler, once its decorators are unwrapped, is Spring's
	 * sub-protocol handler.
	 * @param handler the handler
	 * @return whether it serves STOMP (or another sub-protocol of Spring's messaging)
	 */
	static boolean isStomp(WebSocketHandler handler) {
		return MESSAGING_PRESENT && SubProtocol.is(WebSocketHandlerDecorator.unwrap(handler));
	}

	/**
	 * Return whether a client's message is a STOMP {@code DISCONNECT} frame.
	 * @param message the message
	 * @return whether the client is disconnecting
	 */
	static boolean isDisconnect(WebSocketMessage<?> message) {
		return message instanceof TextMessage text && text.getPayloadLength() >= DISCONNECT.length()
				&& text.getPayload().startsWith(DISCONNECT);
	}

	/**
	 * Loaded only when Spring's messaging is on the class path.
	 */
	private static final class SubProtocol {

		static boolean is(WebSocketHandler handler) {
			return handler instanceof SubProtocolWebSocketHandler;
		}

	}

}
