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

package io.github.wsclose.reactive.it;

import io.github.wsclose.testsupport.WebServerFactoryImport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.JettyRequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.StandardWebSocketUpgradeStrategy;

/**
 * The server a test application runs on. This module has Reactor Netty, Tomcat and Jetty
 * on its classpath, so each configuration names its server factory and the upgrade
 * strategy WebFlux's {@code WebSocketHandlerAdapter} uses with it (left to itself,
 * {@code HandshakeWebSocketService} would pick Jetty's for every server). An application
 * with one server needs neither.
 */
final class Servers {

	private Servers() {
	}

	@Configuration(proxyBeanMethods = false)
	@Import(WebServerFactoryImport.ReactorNetty.class)
	static class ReactorNetty {

		@Bean
		WebFluxConfigurer webSocketUpgradeStrategy() {
			return upgradeWith(new ReactorNettyRequestUpgradeStrategy());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WebServerFactoryImport.TomcatReactive.class)
	static class Tomcat {

		@Bean
		WebFluxConfigurer webSocketUpgradeStrategy() {
			return upgradeWith(new StandardWebSocketUpgradeStrategy());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WebServerFactoryImport.JettyReactive.class)
	static class Jetty {

		@Bean
		WebFluxConfigurer webSocketUpgradeStrategy() {
			return upgradeWith(new JettyRequestUpgradeStrategy());
		}

	}

	private static WebFluxConfigurer upgradeWith(RequestUpgradeStrategy strategy) {
		return new WebFluxConfigurer() {

			@Override
			public WebSocketService getWebSocketService() {
				return new HandshakeWebSocketService(strategy);
			}

		};
	}

}
