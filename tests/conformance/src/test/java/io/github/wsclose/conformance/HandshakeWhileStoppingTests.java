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

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.conformance.HandshakeApplications.Recorder;
import io.github.wsclose.metrics.WebSocketHandshakeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handshake made while the application stops (from a listener of the context's close,
 * after wsclose began closing the sessions and before the web server stops) is refused
 * with 503 and counted as {@code failed}, on Tomcat (servlet) and Reactor Netty.
 */
class HandshakeWhileStoppingTests {

	@Test
	void servletHandshakeWhileStoppingIsRefusedAndFailed() {
		assertRefusedWhileStopping(new SpringApplicationBuilder(HandshakeApplications.Servlet.class,
				ServerUnderTest.SERVLET_TOMCAT.configuration(), HandshakeDuringClose.class)
			.web(WebApplicationType.SERVLET));
	}

	@Test
	void reactiveHandshakeWhileStoppingIsRefusedAndFailed() {
		assertRefusedWhileStopping(
				new SpringApplicationBuilder(HandshakeApplications.Reactive.class, HandshakeDuringClose.class)
					.web(WebApplicationType.REACTIVE));
	}

	private void assertRefusedWhileStopping(SpringApplicationBuilder builder) {
		ConfigurableApplicationContext context = builder.bannerMode(Banner.Mode.OFF)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.register-shutdown-hook=false")
			.run();
		Recorder recorder = context.getBean(Recorder.class);
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		HandshakeDuringClose.Client client = context.getBean(HandshakeDuringClose.Client.class);
		context.close();

		assertThat(client.failure.get()).as("the handshake made while stopping failed").isNotNull();
		assertThat(recorder.rejectedOn(HandshakeApplications.OPEN)).singleElement().satisfies((event) -> {
			assertThat(event.getOutcome()).isEqualTo(HandshakeOutcome.FAILED);
			assertThat(event.getStatus()).isEqualTo(503);
		});
		assertThat(recorder.closedOn(HandshakeApplications.OPEN)).isEmpty();
		assertThat(registry.find(WebSocketHandshakeMetrics.HANDSHAKES)
			.tag("endpoint", HandshakeApplications.OPEN)
			.tag("outcome", "failed")
			.counter()
			.count()).isOne();
	}

	@Configuration(proxyBeanMethods = false)
	static class HandshakeDuringClose {

		@Bean
		Client handshakeDuringClose() {
			return new Client();
		}

		/**
		 * Makes a handshake from the context's close, after every other listener of it.
		 */
		static final class Client implements ApplicationListener<ContextClosedEvent>, Ordered {

			final AtomicReference<Throwable> failure = new AtomicReference<>();

			@Override
			public void onApplicationEvent(ContextClosedEvent event) {
				int port = event.getApplicationContext()
					.getEnvironment()
					.getRequiredProperty("local.server.port", Integer.class);
				try {
					new StandardWebSocketClient()
						.execute(new TextWebSocketHandler(), null,
								URI.create("ws://127.0.0.1:" + port + HandshakeApplications.OPEN))
						.get(10, TimeUnit.SECONDS)
						.close();
				}
				catch (Exception ex) {
					this.failure.set(ex);
				}
			}

			@Override
			public int getOrder() {
				return Ordered.LOWEST_PRECEDENCE;
			}

		}

	}

}
