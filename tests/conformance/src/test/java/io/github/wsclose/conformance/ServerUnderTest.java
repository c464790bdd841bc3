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

package io.github.wsclose.conformance;

import java.util.function.Supplier;

import io.github.wsclose.testsupport.WebServerFactoryImport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The servers the suite runs against. This module has Tomcat, Jetty and Reactor Netty on
 * one classpath, so each server names its web server factory and, on WebFlux, the upgrade
 * strategy that goes with it (left to itself, WebFlux's {@code HandshakeWebSocketService}
 * picks Jetty's whenever Jetty is on the classpath). On the servlet stack each server
 * names its {@link HandshakeHandler} too: Spring's {@link DefaultHandshakeHandler}
 * upgrades through Jetty's own API whenever Jetty's WebSocket server is on the classpath,
 * and through the standard Jakarta WebSocket API otherwise, which is what an application
 * with only Tomcat or only Jetty gets.
 */
enum ServerUnderTest {

	/** Spring MVC on embedded Tomcat. */
	SERVLET_TOMCAT("Tomcat (servlet)", Stack.SERVLET, ServletTomcat.class),

	/** Spring MVC on embedded Jetty. */
	SERVLET_JETTY("Jetty (servlet)", Stack.SERVLET, ServletJetty.class),

	/** WebFlux on Reactor Netty. */
	REACTOR_NETTY("Reactor Netty (WebFlux)", Stack.REACTIVE, ReactorNetty.class),

	/** WebFlux on Tomcat. */
	WEBFLUX_TOMCAT("Tomcat (WebFlux)", Stack.REACTIVE, WebFluxTomcat.class),

	/** WebFlux on Jetty. */
	WEBFLUX_JETTY("Jetty (WebFlux)", Stack.REACTIVE, WebFluxJetty.class);

	private final String displayName;

	private final Stack stack;

	private final Class<?> configuration;

	ServerUnderTest(String displayName, Stack stack, Class<?> configuration) {
		this.displayName = displayName;
		this.stack = stack;
		this.configuration = configuration;
	}

	String displayName() {
		return this.displayName;
	}

	Stack stack() {
		return this.stack;
	}

	Class<?> configuration() {
		return this.configuration;
	}

	/**
	 * Start the conformance application on this server, on a random port.
	 * @param properties more application properties, {@code key=value}
	 * @return the running server
	 */
	RunningServer start(String... properties) {
		return RunningServer.start(this, properties);
	}

	@Override
	public String toString() {
		return this.displayName;
	}

	/**
	 * The web stacks.
	 */
	enum Stack {

		/** Spring MVC with spring-websocket: plain handlers and STOMP. */
		SERVLET,

		/** Spring WebFlux. */
		REACTIVE

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WebServerFactoryImport.TomcatServlet.class)
	static class ServletTomcat {

		@Bean
		HandshakeHandler handshakeHandler() {
			return new DefaultHandshakeHandler(new StandardWebSocketUpgradeStrategy());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WebServerFactoryImport.JettyServlet.class)
	static class ServletJetty {

		@Bean
		HandshakeHandler handshakeHandler() {
			return new DefaultHandshakeHandler(new JettyRequestUpgradeStrategy());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WebServerFactoryImport.ReactorNetty.class)
	static class ReactorNetty {

		@Bean
		WebFluxConfigurer webSocketUpgradeStrategy() {
			return upgradeWith(ReactorNettyRequestUpgradeStrategy::new);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WebServerFactoryImport.TomcatReactive.class)
	static class WebFluxTomcat {

		@Bean
		WebFluxConfigurer webSocketUpgradeStrategy() {
			return upgradeWith(
					org.springframework.web.reactive.socket.server.upgrade.StandardWebSocketUpgradeStrategy::new);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WebServerFactoryImport.JettyReactive.class)
	static class WebFluxJetty {

		@Bean
		WebFluxConfigurer webSocketUpgradeStrategy() {
			return upgradeWith(org.springframework.web.reactive.socket.server.upgrade.JettyRequestUpgradeStrategy::new);
		}

	}

	private static WebFluxConfigurer upgradeWith(Supplier<RequestUpgradeStrategy> strategy) {
		return new WebFluxConfigurer() {

			@Override
			public WebSocketService getWebSocketService() {
				return new HandshakeWebSocketService(strategy.get());
			}

		};
	}

}
