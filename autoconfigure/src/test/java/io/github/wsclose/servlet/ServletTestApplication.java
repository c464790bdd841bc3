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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.WebSocketSessionClosedEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The application the servlet integration tests run on embedded Tomcat: it is itself the
 * {@link WebSocketConfigurer}, with {@code @Bean} and {@code @EventListener} methods of
 * its own, the way many applications are written.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSocket
@Import(ServletTestApplication.StompConfiguration.class)
public class ServletTestApplication implements WebSocketConfigurer {

	/** A handler created with {@code new}, mapped on two paths. */
	final ScriptedHandler createdHandler = new ScriptedHandler();

	/** The handler of the SockJS endpoint. */
	final ScriptedHandler sockJsHandler = new ScriptedHandler();

	/** Closes the application's own listener method received. */
	final List<WebSocketSessionClosedEvent> ownListenerEvents = new CopyOnWriteArrayList<>();

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.createdHandler, "/echo", "/rooms/{room}");
		registry.addHandler(beanHandler(), "/bean");
		registry.addHandler(this.sockJsHandler, "/sockjs").withSockJS();
	}

	@Bean
	ScriptedHandler beanHandler() {
		return new ScriptedHandler();
	}

	@Bean
	Recorder recorder() {
		return new Recorder();
	}

	@Bean
	ThrowingListener throwingListener() {
		return new ThrowingListener();
	}

	@EventListener
	void ownListener(WebSocketSessionClosedEvent event) {
		this.ownListenerEvents.add(event);
	}

	/**
	 * Echoes text; {@code close:CODE[:REASON]} closes from the server side and
	 * {@code boom} throws. Records what {@code afterConnectionClosed} it was given.
	 */
	static class ScriptedHandler extends TextWebSocketHandler {

		final List<CloseStatus> closes = new CopyOnWriteArrayList<>();

		final List<WebSocketSession> sessions = new CopyOnWriteArrayList<>();

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			this.sessions.add(session);
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			String text = message.getPayload();
			if (text.startsWith("close:")) {
				String[] parts = text.split(":", 3);
				session.close(new CloseStatus(Integer.parseInt(parts[1]), (parts.length > 2) ? parts[2] : null));
			}
			else if (text.equals("boom")) {
				throw new IllegalStateException("boom");
			}
			else {
				session.sendMessage(new TextMessage(text));
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.closes.add(status);
		}

	}

	/**
	 * Records every close event.
	 */
	static class Recorder {

		final List<WebSocketSessionClosedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		@Order(Ordered.HIGHEST_PRECEDENCE)
		void record(WebSocketSessionClosedEvent event) {
			this.events.add(event);
		}

		List<WebSocketSessionClosedEvent> on(String endpoint) {
			return this.events.stream().filter((event) -> endpoint.equals(event.getEndpoint())).toList();
		}

	}

	/**
	 * A listener that fails for closes whose reason asks it to.
	 */
	static class ThrowingListener {

		@EventListener
		@Order(Ordered.LOWEST_PRECEDENCE)
		void fail(WebSocketSessionClosedEvent event) {
			if ("listener-throws".equals(event.getReason())) {
				throw new IllegalStateException("Listener failure on purpose");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketMessageBroker
	static class StompConfiguration implements WebSocketMessageBrokerConfigurer {

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/stomp");
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic");
			registry.setApplicationDestinationPrefixes("/app");
		}

	}

}
