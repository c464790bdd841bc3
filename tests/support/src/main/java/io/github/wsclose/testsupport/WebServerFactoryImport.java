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

import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Registers the embedded web server factory of one server as a bean, from the package
 * that the Spring Boot line on the classpath has it in: Boot 4 moved the factories from
 * {@code org.springframework.boot.web.embedded.*} into each server's own module. A test
 * application with several servers on its classpath names its server with
 * {@code @Import(WebServerFactoryImport.Tomcat.class)} (and so on), on every line.
 */
public abstract class WebServerFactoryImport implements ImportSelector {

	private final String boot4Name;

	private final String boot3Name;

	/**
	 * Create an import of the factory with the given class names.
	 * @param boot4Name the factory's class name on Spring Boot 4
	 * @param boot3Name the factory's class name on Spring Boot 3.5
	 */
	protected WebServerFactoryImport(String boot4Name, String boot3Name) {
		this.boot4Name = boot4Name;
		this.boot3Name = boot3Name;
	}

	@Override
	public String[] selectImports(AnnotationMetadata metadata) {
		ClassLoader classLoader = getClass().getClassLoader();
		return new String[] { ClassUtils.isPresent(this.boot4Name, classLoader) ? this.boot4Name : this.boot3Name };
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
					"org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory");
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
					"org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory");
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
					"org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory");
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
					"org.springframework.boot.web.embedded.tomcat.TomcatReactiveWebServerFactory");
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
					"org.springframework.boot.web.embedded.jetty.JettyReactiveWebServerFactory");
		}

	}

}
