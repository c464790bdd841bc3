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

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.wsclose.Initiator;
import io.github.wsclose.actuator.it.Observed.Events;
import io.github.wsclose.actuator.it.Observed.RecordingAtClose;
import io.github.wsclose.testsupport.RawWebSocketClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown in an application with Actuator and Prometheus, on Tomcat, Jetty and Reactor
 * Netty: Spring Boot closes every meter registry on the context's
 * {@code ContextClosedEvent}, so the sessions still open must be closed and counted
 * before that, and within {@code wsclose.shutdown.timeout} whatever the peers and the
 * listeners do.
 */
class ShutdownWithActuatorTests {

	@ParameterizedTest
	@EnumSource
	void sessionsOpenAtShutdownAreCountedInEveryRegistryBeforeItCloses(ActuatorServer server) throws Exception {
		ConfigurableApplicationContext context = server.start("wsclose.shutdown.timeout=5s");
		RecordingAtClose registry = context.getBean(RecordingAtClose.class);
		Events events = context.getBean(Events.class);
		assertThat(context.getBean(PrometheusMeterRegistry.class)).isNotNull();
		List<RawWebSocketClient> clients = connect(context, 500);
		try {
			context.close();
			assertThat(registry.closedWith1001AtClose).isEqualTo(500);
			assertThat(registry.closedAtClose).isEqualTo(500);
			assertThat(registry.activeAtClose).isZero();
			assertThat(events.closes).hasSize(500).allSatisfy((event) -> {
				assertThat(event.getCode()).isEqualTo(1001);
				assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
			});
		}
		finally {
			closeAll(clients);
			context.close();
		}
	}

	@ParameterizedTest
	@EnumSource
	void shutdownIsBoundedByTheTimeoutWithPeersThatStoppedReadingAndASlowListener(ActuatorServer server)
			throws Exception {
		ConfigurableApplicationContext context = server.start("wsclose.shutdown.timeout=2s", "slow-listener=true");
		RecordingAtClose registry = context.getBean(RecordingAtClose.class);
		Events events = context.getBean(Events.class);
		List<RawWebSocketClient> clients = connect(context, 150);
		try {
			long started = System.nanoTime();
			context.close();
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(took).isLessThan(Duration.ofSeconds(4));
			assertThat(registry.closedAtClose).isEqualTo(150);
			assertThat(registry.activeAtClose).isZero();
			assertThat(events.closes).hasSize(150)
				.filteredOn((event) -> event.getCode() == 1006)
				.allSatisfy((event) -> assertThat(event.isClean()).isFalse());
		}
		finally {
			closeAll(clients);
			context.close();
		}
	}

	/**
	 * Open sessions that each echo one message and then stop reading.
	 */
	static List<RawWebSocketClient> connect(ConfigurableApplicationContext context, int sessions) throws IOException {
		int port = ActuatorServer.port(context);
		List<RawWebSocketClient> clients = new ArrayList<>();
		for (int i = 0; i < sessions; i++) {
			RawWebSocketClient client = RawWebSocketClient.connect(port, Observed.ECHO);
			client.sendText("hello");
			assertThat(client.readFrame().text()).isEqualTo("hello");
			clients.add(client);
		}
		return clients;
	}

	static void closeAll(List<RawWebSocketClient> clients) {
		for (RawWebSocketClient client : clients) {
			try {
				client.close();
			}
			catch (IOException ex) {
				// already ended by the server
			}
		}
	}

}
