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
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.actuator.it.Observed.Events;
import io.github.wsclose.actuator.it.Observed.RecordingAtClose;
import io.github.wsclose.testsupport.RawWebSocketClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that opens sessions without pause while the application stops, on Tomcat,
 * Jetty and Reactor Netty: every attempt either became a session that was reported (an
 * event and a count) or was refused, and nothing is left open or unreported.
 */
class OpeningWhileStoppingTests {

	@ParameterizedTest
	@EnumSource
	void everySessionOpenedWhileTheApplicationStopsIsReportedAndEveryOtherAttemptRefused(ActuatorServer server)
			throws Exception {
		ConfigurableApplicationContext context = server.start();
		RecordingAtClose registry = context.getBean(RecordingAtClose.class);
		Events events = context.getBean(Events.class);
		Opener opener = new Opener(ActuatorServer.port(context));
		Thread thread = new Thread(opener, "opener");
		thread.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> opener.upgraded.size() >= 50);
			int openedBeforeClose = opener.upgraded.size();
			context.close();
			opener.stopAtTheNextRefusal = true;
			thread.join(Duration.ofSeconds(60).toMillis());
			assertThat(thread.isAlive()).isFalse();

			Set<String> reported = events.closes.stream()
				.map(WebSocketSessionClosedEvent::getUri)
				.filter(Objects::nonNull)
				.map(URI::getQuery)
				.collect(Collectors.toSet());
			System.out.printf(
					"%s: %d attempts, %d opened (%d before the close began), %d refused %s, %d reported; meters: %.0f opened, %.0f closed%n",
					server, opener.attempts.get(), opener.upgraded.size(), openedBeforeClose, opener.refused.size(),
					refusals(opener), reported.size(), registry.opened(), registry.closed());
			assertThat(opener.upgraded.size() + opener.refused.size()).isEqualTo(opener.attempts.get());
			assertThat(opener.refused).isNotEmpty();
			// refused: an HTTP answer other than 101 (mostly 503; Tomcat answered one 400
			// in a run), the connection refused or ended during the handshake, or no
			// answer within the client's 10 s (Jetty 12.0 and 12.1 each left the attempt
			// under way open and unanswered after the server stopped, in one CI run)
			assertThat(opener.refused.values()).allMatch((refusal) -> refusal.startsWith("HTTP/1.1 ")
					|| Set.of("ConnectException", "EOFException", "SocketException", "SocketTimeoutException")
						.contains(refusal));
			assertThat(reported).as(() -> "unreported: " + opener.describe(reported)).containsAll(opener.upgraded);
			assertThat(events.closes).extracting(WebSocketSessionClosedEvent::getSessionId).doesNotHaveDuplicates();
			assertThat(registry.closed()).isEqualTo(events.closes.size());
			assertThat(registry.opened()).isEqualTo(events.closes.size());
			assertThat(registry.active()).isZero();
			assertThat(registry.closedAtClose).isEqualTo(registry.openedAtClose - registry.activeAtClose);
		}
		finally {
			opener.stopAtTheNextRefusal = true;
			context.close();
			thread.join(Duration.ofSeconds(60).toMillis());
			opener.closeAll();
		}
	}

	private static Map<String, Long> refusals(Opener opener) {
		return opener.refused.values()
			.stream()
			.collect(Collectors.groupingBy((reason) -> reason, TreeMap::new, Collectors.counting()));
	}

	/**
	 * Opens sessions one after the other, without pause, each on {@code /echo?n}, and
	 * keeps every one it opened.
	 */
	static final class Opener implements Runnable {

		private final int port;

		final AtomicInteger attempts = new AtomicInteger();

		final Set<String> upgraded = ConcurrentHashMap.newKeySet();

		final Map<String, String> refused = new ConcurrentHashMap<>();

		private final Map<String, RawWebSocketClient> clients = new ConcurrentHashMap<>();

		volatile boolean stopAtTheNextRefusal;

		Opener(int port) {
			this.port = port;
		}

		@Override
		public void run() {
			while (true) {
				String id = "n=" + this.attempts.incrementAndGet();
				try {
					this.clients.put(id, RawWebSocketClient.connect(this.port, Observed.ECHO + "?" + id));
					this.upgraded.add(id);
				}
				catch (IOException ex) {
					this.refused.put(id, refusal(ex));
					if (this.stopAtTheNextRefusal) {
						return;
					}
				}
			}
		}

		private static String refusal(IOException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.startsWith("Handshake refused: ")) {
				return message.substring("Handshake refused: ".length());
			}
			return ex.getClass().getSimpleName();
		}

		/**
		 * Say what the client of each session that was not reported received.
		 */
		String describe(Set<String> reported) {
			StringBuilder description = new StringBuilder();
			for (String id : this.upgraded) {
				if (!reported.contains(id)) {
					description.append(id).append(": ").append(received(this.clients.get(id))).append("; ");
				}
			}
			return description.toString();
		}

		private static String received(RawWebSocketClient client) {
			try {
				RawWebSocketClient.Frame close = client.awaitClose();
				return (close != null) ? "close frame " + close.closeCode() : "end of connection, no close frame";
			}
			catch (IOException ex) {
				return ex.toString();
			}
		}

		void closeAll() {
			for (RawWebSocketClient client : this.clients.values()) {
				try {
					client.close();
				}
				catch (IOException ex) {
					// ended already
				}
			}
		}

	}

}
