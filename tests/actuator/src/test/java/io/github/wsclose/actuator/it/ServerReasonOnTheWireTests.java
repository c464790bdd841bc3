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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.actuator.it.Observed.Events;
import io.github.wsclose.testsupport.RawWebSocketClient;
import io.github.wsclose.testsupport.RawWebSocketClient.Frame;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server close with a reason of 5,000 characters, on Tomcat, Jetty and Reactor Netty: a
 * close frame carries at most 123 bytes of reason, so each container cuts it (or sends
 * none), and the event reports the reason that went on the wire, as the raw-socket client
 * read it from the close frame it received.
 */
class ServerReasonOnTheWireTests {

	@ParameterizedTest
	@EnumSource
	void aServerReasonOf5000AsciiCharactersIsReportedAsItWentOnTheWire(ActuatorServer server) throws Exception {
		assertReportedAsSent(server, "r".repeat(5000));
	}

	@ParameterizedTest
	@EnumSource
	void aServerReasonOf5000TwoByteCharactersIsReportedAsItWentOnTheWire(ActuatorServer server) throws Exception {
		assertReportedAsSent(server, "\u00e9".repeat(5000));
	}

	private static void assertReportedAsSent(ActuatorServer server, String reason) throws Exception {
		try (ConfigurableApplicationContext context = server.start()) {
			Events events = context.getBean(Events.class);
			String marker = UUID.randomUUID().toString();
			Frame received;
			try (RawWebSocketClient client = RawWebSocketClient.connect(ActuatorServer.port(context),
					Observed.ECHO + "?" + marker)) {
				client.sendText("close:4000:" + reason);
				received = client.awaitClose();
				if (received != null) {
					// answer the close, as a browser does
					client.sendClose(received.closeCode(), "");
					client.awaitEndOfConnection();
				}
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events.closes.stream().anyMatch((event) -> isFor(event, marker)));
			WebSocketSessionClosedEvent event = events.closes.stream()
				.filter((e) -> isFor(e, marker))
				.findFirst()
				.orElseThrow();
			String onTheWire = (received != null && !received.closeReason().isEmpty()) ? received.closeReason() : null;
			System.out.printf("%s: the client received %s; the event says %d with %s%n", server, describe(received),
					event.getCode(), describe(event.getReason()));
			assertThat(received).as("the close frame the client received").isNotNull();
			assertThat(event.getCode()).isEqualTo(received.closeCode());
			assertThat(event.getReason()).isEqualTo(onTheWire);
			assertThat(onTheWire).isNotNull();
			if (server == ActuatorServer.REACTOR_NETTY) {
				// Reactor Netty sends the whole reason, in a close frame longer than RFC
				// 6455 allows
				assertThat(onTheWire).isEqualTo(reason);
			}
			else {
				assertThat(onTheWire.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
				assertThat(reason).startsWith(onTheWire.replace("\u2026", ""));
			}
			assertThat(event.getInitiator()).isEqualTo(Initiator.SERVER);
		}
	}

	private static boolean isFor(WebSocketSessionClosedEvent event, String marker) {
		return event.getUri() != null && marker.equals(event.getUri().getQuery());
	}

	private static String describe(@Nullable Frame frame) {
		if (frame == null) {
			return "no close frame";
		}
		return "a close frame with " + frame.closeCode() + " and " + describe(frame.closeReason());
	}

	private static String describe(@Nullable String reason) {
		if (reason == null || reason.isEmpty()) {
			return "no reason";
		}
		return "a reason of " + reason.length() + " characters, " + reason.getBytes(StandardCharsets.UTF_8).length
				+ " bytes, ending '" + reason.substring(Math.max(0, reason.length() - 4)) + "'";
	}

}
