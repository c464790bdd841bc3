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

package io.github.wsclose.testsupport;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Registers the embedded web server factory of one server as the bean
 * {@code webServerFactory}, from the package that the Spring Boot line on the classpath
 * has it in: Boot 4 moved the factories from
 * {@code org.springframework.boot.web.embedded.*} into each server's own module. A test
 * application with several servers on its classpath names its server with
 * {@code @Import(WebServerFactoryImport.TomcatServlet.class)} (and so on), on every line.
 * <p>
 * On Boot 3.5 a servlet server also gets its own WebSocket customizer as the bean
 * {@code websocketServletWebServerCustomizer}. Boot 3.5's
 * {@code WebSocketServletAutoConfiguration} creates one bean of that name, for Tomcat or
 * for Jetty, whichever of its nested configurations comes first: with both servers on the
 * classpath Tomcat got Jetty's, no {@code ServerContainer}, and answered every handshake
 * with 500. An application with one server has only its own (Boot 4 keeps one per server
 * module).
 */
public abstract class WebServerFactoryImport implements ImportBeanDefinitionRegistrar {

	private static final String BOOT3_WEBSOCKET_CUSTOMIZERS = "org.springframework.boot.autoconfigure.websocket.servlet.";

	private final String boot4Name;

	private final String boot3Name;

	private final @Nullable String boot3WebSocketCustomizer;

	/**
	 * Create an import of the factory with the given class names.
	 * @param boot4Name the factory's class name on Spring Boot 4
	 * @param boot3Name the factory's class name on Spring Boot 3.5
	 * @param boot3WebSocketCustomizer the class name of the server's WebSocket customizer
	 * on Spring Boot 3.5, or {@code null} for a reactive server
	 */
	protected WebServerFactoryImport(String boot4Name, String boot3Name, @Nullable String boot3WebSocketCustomizer) {
		this.boot4Name = boot4Name;
		this.boot3Name = boot3Name;
		this.boot3WebSocketCustomizer = boot3WebSocketCustomizer;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		ClassLoader classLoader = getClass().getClassLoader();
		boolean boot4 = ClassUtils.isPresent(this.boot4Name, classLoader);
		registry.registerBeanDefinition("webServerFactory", new RootBeanDefinition(
				ClassUtils.resolveClassName(boot4 ? this.boot4Name : this.boot3Name, classLoader)));
		if (!boot4 && this.boot3WebSocketCustomizer != null) {
			registry.registerBeanDefinition("websocketServletWebServerCustomizer",
					new RootBeanDefinition(ClassUtils.resolveClassName(this.boot3WebSocketCustomizer, classLoader)));
		}
	}

	/**
	 * Spring MVC on embedded Tomcat.
	 */
	public static final class TomcatServlet extends WebServerFactoryImport {

		/**
		 * Create the import.
		 */
		public TomcatServlet() {
			super("org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory",
					"org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory",
					BOOT3_WEBSOCKET_CUSTOMIZERS + "TomcatWebSocketServletWebServerCustomizer");
		}

	}

	/**
	 * Spring MVC on embedded Jetty.
	 */
	public static final class JettyServlet extends WebServerFactoryImport {

		/**
		 * Create the import.
		 */
		public JettyServlet() {
			super("org.springframework.boot.jetty.servlet.JettyServletWebServerFactory",
					"org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory",
					BOOT3_WEBSOCKET_CUSTOMIZERS + "JettyWebSocketServletWebServerCustomizer");
		}

	}

	/**
	 * WebFlux on Reactor Netty.
	 */
	public static final class ReactorNetty extends WebServerFactoryImport {

		/**
		 * Create the import.
		 */
		public ReactorNetty() {
			super("org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
					"org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory", null);
		}

	}

	/**
	 * WebFlux on embedded Tomcat.
	 */
	public static final class TomcatReactive extends WebServerFactoryImport {

		/**
		 * Create the import.
		 */
		public TomcatReactive() {
			super("org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory",
					"org.springframework.boot.web.embedded.tomcat.TomcatReactiveWebServerFactory", null);
		}

	}

	/**
	 * WebFlux on embedded Jetty.
	 */
	public static final class JettyReactive extends WebServerFactoryImport {

		/**
		 * Create the import.
		 */
		public JettyReactive() {
			super("org.springframework.boot.jetty.reactive.JettyReactiveWebServerFactory",
					"org.springframework.boot.web.embedded.jetty.JettyReactiveWebServerFactory", null);
		}

	}

}
