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

package io.github.wsclose.benchmarks.server;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * WebFlux on Reactor Netty with one echo endpoint, {@code /echo}, mapped by a
 * {@link SimpleUrlHandlerMapping}: what the starter decorates with no code. Tomcat is on
 * the classpath too, for the servlet application; the server factory picks Reactor Netty.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(EchoServerConfiguration.class)
public class ReactiveEchoApplication {

	@Bean
	NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
		return new NettyReactiveWebServerFactory();
	}

	@Bean
	HandlerMapping echoMapping() {
		String operators = System.getProperty(OperatorsOnlyHandler.PROPERTY);
		WebSocketHandler echo = (operators != null) ? new OperatorsOnlyHandler(new EchoHandler(), operators)
				: new EchoHandler();
		return new SimpleUrlHandlerMapping(Map.of("/echo", echo), -1);
	}

	/**
	 * Sends every text message back.
	 */
	static class EchoHandler implements WebSocketHandler {

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return session.send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
		}

	}

}
