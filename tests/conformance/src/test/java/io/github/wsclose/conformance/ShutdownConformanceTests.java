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

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.wsclose.CloseCause;
import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.conformance.CloseBehaviourResults.Scenario;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.github.wsclose.support.WebSocketSessionsShutdownLifecycle;
import io.github.wsclose.testsupport.RawWebSocketClient.Frame;
import io.github.wsclose.testsupport.RawWebSocketClient;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions still open when the application shuts down: every one is closed with 1001,
 * reported once and counted before the meter registry closes, on every server.
 */
class ShutdownConformanceTests {

	static final Scenario SHUTDOWN = new Scenario("shutdown", 1002, CloseCase.Group.FAULT,
			"the application shuts down with sessions open (the client answers the close)");

	private static final int SESSIONS = 20;

	@AfterAll
	static void writeResults() {
		CloseBehaviourResults.write();
	}

	@ParameterizedTest
	@EnumSource
	void sessionsOpenAtShutdownAreEachReportedBeforeTheRegistryCloses(ServerUnderTest serverUnderTest)
			throws Exception {
		RunningServer server = serverUnderTest.start();
		ContainerLog log = ContainerLog.collect();
		CloseRecorder events = server.events();
		ShutdownCheckingMeterRegistry registry = server.registry();
		List<RawWebSocketClient> clients = new ArrayList<>();
		ExecutorService answering = Executors.newFixedThreadPool(SESSIONS);
		List<String> received = new CopyOnWriteArrayList<>();
		try {
			for (int i = 0; i < SESSIONS; i++) {
				RawWebSocketClient client = RawWebSocketClient.connect(server.port(),
						ConformanceBeans.ECHO + "?case=shutdown");
				client.sendText("hello");
				assertThat(client.readFrame().text()).isEqualTo("hello");
				clients.add(client);
				answering.submit(() -> answerClose(client, received));
			}
			assertThat(server.active(ConformanceBeans.ECHO)).isEqualTo(SESSIONS);
			long start = System.nanoTime();
			server.close();
			Duration shutdown = Duration.ofNanos(System.nanoTime() - start);
			assertThat(events.all()).hasSize(SESSIONS);
			CloseConformanceTests.assertNoSessionReportedTwice(events.all());
			assertThat(events.afterRegistryClosed()).isEmpty();
			assertThat(registry.closedSessionsAtClose()).isEqualTo(SESSIONS);
			assertThat(registry.find(WebSocketSessionMetrics.CLOSED)
				.tags("cause", "shutdown", "code", "1001", "initiator", "server")
				.counters()).extracting(Counter::count).containsExactly((double) SESSIONS);
			assertThat(registry.countsAfterClose()).isZero();
			answering.shutdown();
			assertThat(answering.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			assertThat(received).hasSize(SESSIONS).containsOnly("1001");
			List<Outcome> outcomes = events.all()
				.stream()
				.map((event) -> Outcome.of(event, "1001"))
				.distinct()
				.toList();
			CloseBehaviourResults.record(serverUnderTest, SHUTDOWN, outcomes.get(0));
			assertThat(outcomes).containsExactly(new Outcome(1001, null, true, Initiator.SERVER, null, "1001"));
			assertThat(events.all()).extracting(WebSocketSessionClosedEvent::getCloseCause)
				.containsOnly(CloseCause.SHUTDOWN);
			assertThat(shutdown).isLessThan(WebSocketSessionsShutdownLifecycle.DEFAULT_TIMEOUT);
			assertThat(log.problems()).isEmpty();
		}
		finally {
			log.close();
			answering.shutdownNow();
			for (RawWebSocketClient client : clients) {
				client.close();
			}
			server.close();
		}
	}

	private static void answerClose(RawWebSocketClient client, List<String> received) {
		try {
			Frame close = client.awaitClose();
			received.add((close != null) ? Integer.toString(close.closeCode()) : "none");
			if (close != null) {
				client.sendClose(close.closeCode(), "");
			}
		}
		catch (IOException ex) {
			received.add(ex.toString());
		}
	}

}
