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

package io.github.wsclose.sample.echo;

import io.github.wsclose.WebSocketSessionClosedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A servlet application with one echo endpoint, {@code /echo}. Send {@code close:4001} to
 * have the server close with that code. Every close is logged by an
 * {@code @EventListener} and counted in {@code websocket.sessions.closed}.
 */
@SpringBootApplication
@EnableWebSocket
public class EchoApplication implements WebSocketConfigurer {

	private static final Log logger = LogFactory.getLog(EchoApplication.class);

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new EchoHandler(), "/echo").setAllowedOriginPatterns("*");
	}

	@EventListener
	void logClose(WebSocketSessionClosedEvent event) {
		logger.info("WebSocket session " + event.getSessionId() + " on " + event.getEndpoint() + " closed: "
				+ event.getCode() + " " + event.getCloseCode().name() + ", clean=" + event.isClean() + ", initiator="
				+ event.getInitiator() + ", lived " + event.getDuration());
	}

	public static void main(String[] args) {
		SpringApplication.run(EchoApplication.class, args);
	}

	/**
	 * Echoes text messages; {@code close:CODE[:REASON]} closes the session from the
	 * server.
	 */
	static class EchoHandler extends TextWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			String text = message.getPayload();
			if (text.startsWith("close:")) {
				String[] parts = text.split(":", 3);
				session.close(new CloseStatus(Integer.parseInt(parts[1]), (parts.length > 2) ? parts[2] : null));
				return;
			}
			session.sendMessage(new TextMessage(text));
		}

	}

}
