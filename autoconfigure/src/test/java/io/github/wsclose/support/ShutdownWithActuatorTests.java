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

package io.github.wsclose.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.github.wsclose.testsupport.RawWebSocketClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown in an application with Actuator and Prometheus on Tomcat: Spring Boot closes
 * every meter registry on the context's {@code ContextClosedEvent}, so the sessions still
 * open must be closed and counted before that, and within
 * {@code wsclose.shutdown.timeout} whatever the peers and the listeners do.
 */
class ShutdownWithActuatorTests {

	@Test
	void sessionsOpenAtShutdownAreCountedInEveryRegistryBeforeItCloses() throws Exception {
		ConfigurableApplicationContext context = start("wsclose.shutdown.timeout=5s");
		RecordingAtClose registry = context.getBean(RecordingAtClose.class);
		Events events = context.getBean(Events.class);
		assertThat(context.getBean(PrometheusMeterRegistry.class)).isNotNull();
		List<RawWebSocketClient> clients = connect(context, 500);
		try {
			context.close();
			assertThat(registry.closedWith1001AtClose).isEqualTo(500);
			assertThat(registry.activeAtClose).isZero();
			assertThat(events.closes).hasSize(500).allSatisfy((event) -> assertThat(event.getCode()).isEqualTo(1001));
		}
		finally {
			closeAll(clients);
		}
	}

	@Test
	void shutdownIsBoundedByTheTimeoutWithPeersThatStoppedReadingAndASlowListener() throws Exception {
		ConfigurableApplicationContext context = start("wsclose.shutdown.timeout=2s", "slow-listener=true");
		RecordingAtClose registry = context.getBean(RecordingAtClose.class);
		List<RawWebSocketClient> clients = connect(context, 150);
		try {
			long started = System.nanoTime();
			context.close();
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(took).isLessThan(Duration.ofSeconds(4));
			assertThat(registry.closedAtClose).isEqualTo(150);
			assertThat(registry.activeAtClose).isZero();
		}
		finally {
			closeAll(clients);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=prometheus"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return SpringApplication.run(ShutdownApplication.class, args.toArray(new String[0]));
	}

	private static List<RawWebSocketClient> connect(ConfigurableApplicationContext context, int sessions)
			throws IOException {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		List<RawWebSocketClient> clients = new ArrayList<>();
		for (int i = 0; i < sessions; i++) {
			RawWebSocketClient client = RawWebSocketClient.connect(port, "/echo");
			client.sendText("hello");
			client.readFrame();
			clients.add(client);
		}
		return clients;
	}

	private static void closeAll(List<RawWebSocketClient> clients) {
		for (RawWebSocketClient client : clients) {
			try {
				client.close();
			}
			catch (IOException ex) {
				// already ended by the server
			}
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebSocket
	static class ShutdownApplication implements WebSocketConfigurer {

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new TextWebSocketHandler() {

				@Override
				protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
					session.sendMessage(message);
				}

			}, "/echo");
		}

		@Bean
		RecordingAtClose recordingAtClose() {
			return new RecordingAtClose();
		}

		@Bean
		Events events(org.springframework.core.env.Environment environment) {
			return new Events(environment.getProperty("slow-listener", Boolean.class, false));
		}

	}

	/**
	 * A registry that records, when it is closed, what it holds at that moment.
	 */
	static class RecordingAtClose extends SimpleMeterRegistry {

		volatile double closedWith1001AtClose = -1;

		volatile double closedAtClose = -1;

		volatile double activeAtClose = -1;

		@Override
		public void close() {
			this.closedWith1001AtClose = find(WebSocketSessionMetrics.CLOSED).tag("code", "1001")
				.counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum();
			this.closedAtClose = find(WebSocketSessionMetrics.CLOSED).counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum();
			this.activeAtClose = find(WebSocketSessionMetrics.ACTIVE).gauges().stream().mapToDouble(Gauge::value).sum();
			super.close();
		}

	}

	static class Events {

		final List<WebSocketSessionClosedEvent> closes = new CopyOnWriteArrayList<>();

		private final boolean slow;

		Events(boolean slow) {
			this.slow = slow;
		}

		@EventListener
		void onClose(WebSocketSessionClosedEvent event) throws InterruptedException {
			this.closes.add(event);
			if (this.slow) {
				Thread.sleep(200);
			}
		}

	}

}
