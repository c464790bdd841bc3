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

package io.github.wsclose.reactive.it;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.wsclose.CloseCategory;
import io.github.wsclose.CloseCause;
import io.github.wsclose.CloseCode;
import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.github.wsclose.testsupport.RawWebSocketClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ways a WebFlux WebSocket session ends, each run against a real server with a real
 * client, each proving exactly one close event and exactly one count with the contract's
 * values. Subclasses pick the server and state what it reports where servers differ.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class CloseReportingScenarios {

	private static final String WATCHER_LOGGER = "io.github.wsclose.reactive.SessionCloseWatcher";

	@LocalServerPort
	private int port;

	@Autowired
	private RecordedCloseEvents events;

	@Autowired
	private MeterRegistry registry;

	private Map<Meter.Id, Double> closedCountsBefore = Map.of();

	@BeforeEach
	void startFromNoEvents() {
		this.events.clear();
		this.closedCountsBefore = closedCounts();
	}

	@Test
	void clientNormalClosureIsReportedAsCleanCloseByTheClient() {
		runClient("/rooms/normal", (session) -> TestClient.closeAfterEcho(session, CloseStatus.NORMAL));
		assertReported("/rooms/normal", new Expected(1000, null, true, Initiator.CLIENT, false));
		assertCountedOnce("1000", "normal_closure", "standard", true, Initiator.CLIENT);
		assertCause(CloseCause.PEER_CLOSED);
	}

	@Test
	void clientApplicationCodeIsReportedWithItsReasonAndName() {
		runClient("/rooms/private", (session) -> TestClient.closeAfterEcho(session, new CloseStatus(4001, "bye")));
		WebSocketSessionClosedEvent event = assertReported("/rooms/private",
				new Expected(4001, "bye", true, Initiator.CLIENT, false));
		assertThat(event.getCloseCode().category()).isEqualTo(CloseCategory.PRIVATE);
		assertThat(event.getCloseCode().name()).isEqualTo("unauthorized");
		assertCountedOnce("4001", "unauthorized", "private", true, Initiator.CLIENT);
		assertCause(CloseCause.PEER_CLOSED);
	}

	@Test
	void serverPolicyViolationIsReportedAsCleanCloseByTheServer() {
		CloseStatus received = runClient("/rooms/policy",
				(session) -> session.send(Mono.just(session.textMessage("close:1008:policy")))
					.thenMany(session.receive())
					.then());
		assertThat(received).isEqualTo(new CloseStatus(1008, "policy"));
		assertReported("/rooms/policy", new Expected(1008, "policy", true, Initiator.SERVER, false));
		assertCountedOnce("1008", "policy_violation", "standard", true, Initiator.SERVER);
		assertCause(CloseCause.APPLICATION);
	}

	/**
	 * Where the server cannot know {@code wasClean}: it reports its own close as soon as
	 * its close frame is out, whether or not the peer ever answers.
	 */
	@Test
	void serverCloseIsReportedCleanThoughThePeerNeverAnswersIt() throws IOException {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/rooms/silent")) {
			client.sendText("close:1008:policy");
			assertThat(client.readUntilClose().closeCode()).isEqualTo(1008);
			assertReported("/rooms/silent", new Expected(1008, "policy", true, Initiator.SERVER, false));
		}
		assertCountedOnce("1008", "policy_violation", "standard", true, Initiator.SERVER);
	}

	@Test
	void handlerThatCompletesIsReportedAsCloseByTheServer() {
		CloseStatus received = runClient("/rooms/done?complete", (session) -> session.receive().then());
		Expected expected = handlerCompleted();
		assertReported("/rooms/done", expected);
		assertThat(received).isEqualTo(handlerCompletedSent());
		assertCountedOnce(expected);
		assertCause(CloseCause.APPLICATION);
	}

	@Test
	void droppedConnectionIsReportedAsAbnormalClosure() throws IOException {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/rooms/dropped")) {
			client.sendText("hello");
			assertThat(client.readFrame().text()).isEqualTo("hello");
			client.drop();
		}
		Expected expected = droppedConnection();
		assertReported("/rooms/dropped", expected);
		assertCountedOnce(expected);
		assertCause(CloseCause.CONNECTION_LOST);
	}

	/**
	 * The handler's error is the event's transport error on every server, and is logged
	 * once at DEBUG, escaped and quoted, with no stack trace.
	 */
	@Test
	void handlerErrorIsReportedAsUncleanCloseByTheServer(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(WATCHER_LOGGER, LogLevel.DEBUG);
		try {
			CloseStatus received = runClient("/rooms/failing",
					(session) -> session.send(Mono.just(session.textMessage("fail")))
						.thenMany(session.receive())
						.then());
			Expected expected = handlerError();
			WebSocketSessionClosedEvent event = assertReported("/rooms/failing", expected);
			assertThat(expected.transportError()).isTrue();
			assertThat(event.getTransportError()).isInstanceOf(IllegalStateException.class)
				.hasMessage("handler failed on purpose");
			assertThat(received).isEqualTo(handlerErrorSent());
			assertCountedOnce(expected);
			assertCause(handlerErrorCause());
			String line = "WebSocket handler of session \"" + event.getSessionId()
					+ "\" failed: \"java.lang.IllegalStateException: handler failed on purpose\"";
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(output.getAll().lines().filter((logged) -> logged.contains(line))).hasSize(1));
		}
		finally {
			logging.setLogLevel(WATCHER_LOGGER, null);
		}
	}

	@Test
	void handlerErrorBeforeReadingIsReportedAsUncleanCloseByTheServer() {
		CloseStatus received = runClient("/rooms/failing?fail", (session) -> session.receive().then());
		Expected expected = handlerErrorBeforeReading();
		WebSocketSessionClosedEvent event = assertReported("/rooms/failing", expected);
		assertThat(event.getTransportError()).isInstanceOf(IllegalStateException.class)
			.hasMessage("handler failed on purpose");
		assertThat(received).isEqualTo(handlerErrorBeforeReadingSent());
		assertCountedOnce(expected);
		assertCause(CloseCause.HANDLER_ERROR);
	}

	@Test
	void emptyCloseFrameIsReportedAsTheServerReportsIt() throws IOException {
		int answered;
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/rooms/empty")) {
			client.sendText("hello");
			client.sendEmptyClose();
			answered = client.readUntilClose().closeCode();
		}
		assertReported("/rooms/empty", emptyCloseFrame());
		assertThat(answered).isEqualTo(emptyCloseFrameAnswer());
		assertCountedOnce(emptyCloseFrame());
	}

	@Test
	void closeCodeOutsideTheRangeIsReportedNotThrown() throws IOException {
		int answered;
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/rooms/invalid")) {
			client.sendText("hello");
			client.sendClose(5000, "too far");
			answered = client.readUntilClose().closeCode();
		}
		Expected expected = outOfRangeCloseCode();
		WebSocketSessionClosedEvent event = assertReported("/rooms/invalid", expected);
		assertThat(event.getCloseCode()).isEqualTo(CloseCode.of(expected.code()));
		assertThat(answered).isEqualTo(outOfRangeCloseCodeAnswer());
		assertCountedOnce(expected);
	}

	/**
	 * Why the server says a session ended whose handler's pipeline errored inside
	 * {@code receive()}.
	 */
	CloseCause handlerErrorCause() {
		return CloseCause.HANDLER_ERROR;
	}

	/**
	 * What the server reports when the client drops the connection with no close frame.
	 */
	Expected droppedConnection() {
		return new Expected(1006, null, false, Initiator.UNKNOWN, false);
	}

	/**
	 * What the server reports, and sends, when the handler completes.
	 */
	Expected handlerCompleted() {
		return new Expected(1000, null, true, Initiator.SERVER, false);
	}

	/**
	 * The close status the client sees when the handler completes.
	 */
	CloseStatus handlerCompletedSent() {
		return CloseStatus.NORMAL;
	}

	/**
	 * What the server reports when the handler fails while processing a message.
	 */
	abstract Expected handlerError();

	/**
	 * The close status the client sees when the handler fails while processing a message.
	 */
	abstract CloseStatus handlerErrorSent();

	/**
	 * What the server reports when the handler fails before it reads anything.
	 */
	abstract Expected handlerErrorBeforeReading();

	/**
	 * The close status the client sees when the handler fails before it reads anything.
	 */
	abstract CloseStatus handlerErrorBeforeReadingSent();

	/**
	 * What the server reports when the client's close frame has no code.
	 */
	abstract Expected emptyCloseFrame();

	/**
	 * The code of the close frame the server answers an empty close frame with, -1 for an
	 * empty one.
	 */
	abstract int emptyCloseFrameAnswer();

	/**
	 * What the server reports when the client's close frame has code 5000.
	 */
	abstract Expected outOfRangeCloseCode();

	/**
	 * The code of the close frame the server answers close code 5000 with.
	 */
	abstract int outOfRangeCloseCodeAnswer();

	/**
	 * Return the port the server listens on.
	 */
	int port() {
		return this.port;
	}

	private CloseStatus runClient(String path, Function<WebSocketSession, Mono<Void>> script) {
		return new TestClient(this.port).run(path, script).closeStatus();
	}

	/**
	 * Assert that the session was reported once, as expected, on the rooms endpoint.
	 */
	WebSocketSessionClosedEvent assertReported(String path, Expected expected) {
		WebSocketSessionClosedEvent event = this.events.awaitExactlyOne();
		assertThat(Expected.of(event)).isEqualTo(expected);
		assertThat(event.getEndpoint()).isEqualTo(WebFluxTestApplication.ROOMS);
		assertThat(event.getUri()).isNotNull().extracting(URI::getPath).isEqualTo(path);
		assertThat(event.getSessionId()).isNotBlank();
		assertThat(event.getDuration()).isPositive();
		return event;
	}

	/**
	 * Assert that the close was counted once, as expected, on the rooms endpoint.
	 */
	void assertCountedOnce(Expected expected) {
		CloseCode code = CloseCode.of(expected.code());
		assertCountedOnce(code.codeTagValue(), code.tagValue(), code.category().tagValue(), expected.clean(),
				expected.initiator());
	}

	private void assertCountedOnce(String code, String status, String category, boolean clean, Initiator initiator) {
		Map<Meter.Id, Double> counted = new HashMap<>(closedCounts());
		counted.replaceAll((id, count) -> count - this.closedCountsBefore.getOrDefault(id, 0.0));
		counted.values().removeIf((delta) -> delta == 0.0);
		assertThat(counted).hasSize(1);
		Map.Entry<Meter.Id, Double> only = counted.entrySet().iterator().next();
		assertThat(only.getValue()).isEqualTo(1.0);
		assertThat(Tags.of(only.getKey().getTags())).containsExactlyInAnyOrderElementsOf(Tags.of("code", code, "status",
				status, "category", category, "clean", Boolean.toString(clean), "initiator", initiator.tagValue(),
				"cause", onlyEvent().getCloseCause().tagValue(), "endpoint", WebFluxTestApplication.ROOMS));
	}

	/**
	 * Assert the cause of the only close so far, as the event and the counter carry it.
	 */
	void assertCause(CloseCause cause) {
		assertThat(onlyEvent().getCloseCause()).isEqualTo(cause);
		assertThat(this.registry.find(WebSocketSessionMetrics.CLOSED).tag("cause", cause.tagValue()).counters())
			.isNotEmpty();
	}

	private WebSocketSessionClosedEvent onlyEvent() {
		assertThat(this.events.all()).hasSize(1);
		return this.events.all().get(0);
	}

	private Map<Meter.Id, Double> closedCounts() {
		Map<Meter.Id, Double> counts = new HashMap<>();
		for (Counter counter : this.registry.find(WebSocketSessionMetrics.CLOSED).counters()) {
			counts.put(counter.getId(), counter.count());
		}
		return counts;
	}

	/**
	 * What a close event should say.
	 *
	 * @param code the close code
	 * @param reason the reason
	 * @param clean whether the close was clean
	 * @param initiator who closed first
	 * @param transportError whether a transport error was reported
	 */
	record Expected(int code, @Nullable String reason, boolean clean, Initiator initiator, boolean transportError) {

		static Expected of(WebSocketSessionClosedEvent event) {
			return new Expected(event.getCode(), event.getReason(), event.isClean(), event.getInitiator(),
					event.getTransportError() != null);
		}

	}

}
