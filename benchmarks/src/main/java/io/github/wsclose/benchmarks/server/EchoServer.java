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

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.LongSupplier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Starts an echo application on a free port of {@code 127.0.0.1}, prints one line that
 * the harness waits for, and stops when its standard input ends: when the harness closes
 * it or dies.
 *
 * <p>
 * The line is {@code wsclose-benchmark-server port=PORT wsclose=true|false}; at the end
 * it prints {@code wsclose-benchmark-server closes=N}, the close events the application's
 * listener received ({@code -1} without the starter).
 */
public final class EchoServer {

	/**
	 * What the first line the server prints starts with.
	 */
	public static final String READY = "wsclose-benchmark-server port=";

	/**
	 * What the last line the server prints starts with.
	 */
	public static final String CLOSES = "wsclose-benchmark-server closes=";

	private EchoServer() {
	}

	/**
	 * Run an echo application.
	 * @param args {@code servlet} (Spring MVC on Tomcat) or {@code reactive} (WebFlux on
	 * Reactor Netty)
	 * @throws IOException if standard input fails
	 */
	public static void main(String[] args) throws IOException {
		boolean servlet = "servlet".equals(args[0]);
		SpringApplication application = new SpringApplication(
				servlet ? ServletEchoApplication.class : ReactiveEchoApplication.class);
		application.setWebApplicationType(servlet ? WebApplicationType.SERVLET : WebApplicationType.REACTIVE);
		application.setDefaultProperties(
				Map.of("server.address", "127.0.0.1", "server.port", "0", "server.tomcat.max-connections", "20000",
						"spring.main.banner-mode", "off", "logging.level.root", "warn"));
		ConfigurableApplicationContext context = application.run();
		boolean starter = ClassUtils.isPresent("io.github.wsclose.CloseReporter", null);
		System.out.println(READY + context.getEnvironment().getProperty("local.server.port") + " wsclose=" + starter);
		System.out.flush();
		InputStream in = System.in;
		while (in.read() != -1) {
			// wait for the harness to close standard input
		}
		LongSupplier counter = context.containsBean(EchoServerConfiguration.CLOSE_COUNTER)
				? context.getBean(EchoServerConfiguration.CLOSE_COUNTER, LongSupplier.class) : () -> -1;
		// closed first: the stop reports every close that is still on its way to the
		// listeners (WebFlux hands them to the listeners a few milliseconds later)
		context.close();
		System.out.println(CLOSES + counter.getAsLong());
		System.out.flush();
		System.exit(0);
	}

}
