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

import java.util.function.Supplier;

import io.github.wsclose.testsupport.WebServerFactoryImport;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
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
 * The servers this module's applications run on, each with Actuator and
 * {@code micrometer-registry-prometheus}. Tomcat, Jetty and Reactor Netty share one
 * classpath here, so each names its web server factory and the upgrade strategy that goes
 * with it, as the conformance suite's servers do: left to itself, Spring picks Jetty's
 * upgrade whenever Jetty is on the classpath.
 */
enum ActuatorServer {

	/** Spring MVC on embedded Tomcat. */
	TOMCAT("Tomcat (servlet)", WebApplicationType.SERVLET, ServletTomcat.class),

	/** Spring MVC on embedded Jetty. */
	JETTY("Jetty (servlet)", WebApplicationType.SERVLET, ServletJetty.class),

	/** WebFlux on Reactor Netty. */
	REACTOR_NETTY("Reactor Netty (WebFlux)", WebApplicationType.REACTIVE, ReactorNetty.class);

	private final String displayName;

	private final WebApplicationType type;

	private final Class<?> configuration;

	ActuatorServer(String displayName, WebApplicationType type, Class<?> configuration) {
		this.displayName = displayName;
		this.type = type;
		this.configuration = configuration;
	}

	/**
	 * Start the application on this server, on a random port of {@code 127.0.0.1}, with
	 * Prometheus' scrape exposed.
	 * @param properties more application properties, {@code key=value}
	 * @return the running application
	 */
	ConfigurableApplicationContext start(String... properties) {
		Class<?> application = (this.type == WebApplicationType.SERVLET) ? ServletApplication.class
				: ReactiveApplication.class;
		return new SpringApplicationBuilder(application, this.configuration).web(this.type)
			.bannerMode(Banner.Mode.OFF)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.register-shutdown-hook=false",
					"management.endpoints.web.exposure.include=prometheus")
			.properties(properties)
			.run();
	}

	/**
	 * Return the port an application listens on.
	 * @param context the application
	 * @return its port
	 */
	static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	@Override
	public String toString() {
		return this.displayName;
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

	private static WebFluxConfigurer upgradeWith(Supplier<RequestUpgradeStrategy> strategy) {
		return new WebFluxConfigurer() {

			@Override
			public WebSocketService getWebSocketService() {
				return new HandshakeWebSocketService(strategy.get());
			}

		};
	}

}
