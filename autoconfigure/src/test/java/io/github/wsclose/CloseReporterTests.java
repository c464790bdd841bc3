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

package io.github.wsclose;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloseReporter} and {@link SessionClose}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CloseReporterTests {

	private static final Instant OPENED_AT = Instant.parse("2026-03-01T10:15:30Z");

	private static final URI HANDSHAKE_URI = URI.create("ws://localhost:8080/chat?room=1");

	private static final Principal ALICE = () -> "alice";

	private final RecordingListener listener = new RecordingListener();

	private final CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(this.listener),
			InstantSource.fixed(OPENED_AT));

	@Test
	void openedTracksTheSessionAndNotifiesListeners() {
		TrackedSession session = this.reporter.opened("s1", "/chat", HANDSHAKE_URI, ALICE);
		assertThat(session.getId()).isEqualTo("s1");
		assertThat(session.getEndpoint()).isEqualTo("/chat");
		assertThat(session.getUri()).isEqualTo(HANDSHAKE_URI);
		assertThat(session.getPrincipal()).isSameAs(ALICE);
		assertThat(session.getOpenedAt()).isEqualTo(OPENED_AT);
		assertThat(session.isServerClosing()).isFalse();
		assertThat(session.getTransportError()).isNull();
		assertThat(this.listener.opened).singleElement()
			.isEqualTo(new OpenedSession("s1", "/chat", HANDSHAKE_URI, ALICE, session.getOpenedAt()));
		assertThat(this.listener.closed).isEmpty();
	}

	@Test
	void closedReportsEverythingKnownAboutTheSession() {
		TrackedSession session = this.reporter.opened("s1", "/chat", HANDSHAKE_URI, ALICE);
		SessionClose close = this.reporter.closed(session, 1001, "server restart");
		assertThat(close).isNotNull();
		assertThat(close.sessionId()).isEqualTo("s1");
		assertThat(close.code()).isEqualTo(1001);
		assertThat(close.reason()).isEqualTo("server restart");
		assertThat(close.closeCode()).isSameAs(CloseCode.of(1001));
		assertThat(close.clean()).isTrue();
		assertThat(close.initiator()).isEqualTo(Initiator.CLIENT);
		assertThat(close.endpoint()).isEqualTo("/chat");
		assertThat(close.uri()).isEqualTo(HANDSHAKE_URI);
		assertThat(close.principal()).isSameAs(ALICE);
		assertThat(close.openedAt()).isEqualTo(OPENED_AT);
		assertThat(close.duration()).isGreaterThanOrEqualTo(Duration.ZERO);
		assertThat(close.transportError()).isNull();
		assertThat(this.listener.closed).containsExactly(close);
	}

	@Test
	void closedReportsOnlyOncePerSession() {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		SessionClose first = this.reporter.closed(session, 1000, null);
		assertThat(first).isNotNull();
		assertThat(this.reporter.closed(session, 1006, null)).isNull();
		assertThat(this.reporter.closed(session, 1000, null)).isNull();
		assertThat(this.listener.closed).containsExactly(first);
	}

	@Test
	void sessionsAreReportedIndependently() {
		TrackedSession one = this.reporter.opened("s1", "/a", null, null);
		TrackedSession two = this.reporter.opened("s2", "/b", null, null);
		this.reporter.closed(two, 1001, null);
		this.reporter.closed(one, 1000, null);
		assertThat(this.listener.closed).extracting(SessionClose::sessionId).containsExactly("s2", "s1");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1002, 1005, 1011, 3000, 4001, 4500 })
	void closeWithACloseFrameAndNoTransportErrorIsClean(int code) {
		assertThat(close(code).clean()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1006, 1015 })
	void closeWithNoCloseFrameOrAFailedTlsHandshakeIsNotClean(int code) {
		assertThat(close(code).clean()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1005, 1006, 4001 })
	void anyCloseAfterATransportErrorIsNotClean(int code) {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		IOException error = new IOException("connection reset");
		session.transportError(error);
		SessionClose close = this.reporter.closed(session, code, null);
		assertThat(close.clean()).isFalse();
		assertThat(close.transportError()).isSameAs(error);
	}

	@Test
	void firstTransportErrorIsKept() {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		IOException first = new IOException("first");
		session.transportError(first);
		session.transportError(new IOException("second"));
		assertThat(session.getTransportError()).isSameAs(first);
		assertThat(this.reporter.closed(session, 1006, null).transportError()).isSameAs(first);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1005, 1006, 1011, 1015, 4001 })
	void serverClosingFirstMeansTheServerInitiatedWhateverTheCode(int code) {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		session.serverClosing();
		assertThat(session.isServerClosing()).isTrue();
		assertThat(this.reporter.closed(session, code, null).initiator()).isEqualTo(Initiator.SERVER);
	}

	@Test
	void serverClosingWinsOverATransportError() {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		session.serverClosing();
		session.transportError(new IOException("broken pipe"));
		SessionClose close = this.reporter.closed(session, 1006, null);
		assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
		assertThat(close.clean()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1006, 1015 })
	void closeWithNoCloseFrameAndNoServerCloseHasAnUnknownInitiator(int code) {
		assertThat(close(code).initiator()).isEqualTo(Initiator.UNKNOWN);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 4001 })
	void closeAfterATransportErrorWithNoServerCloseHasAnUnknownInitiator(int code) {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		session.transportError(new IOException("connection reset"));
		assertThat(this.reporter.closed(session, code, null).initiator()).isEqualTo(Initiator.UNKNOWN);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1002, 1005, 1008, 3000, 4001, 4999 })
	void closeFrameFromThePeerFirstMeansTheClientInitiated(int code) {
		assertThat(close(code).initiator()).isEqualTo(Initiator.CLIENT);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1006 })
	void closeAfterShuttingDownIsInitiatedByTheServer(int code) {
		TrackedSession openBefore = this.reporter.opened("s1", "/chat", null, null);
		this.reporter.shuttingDown();
		TrackedSession openAfter = this.reporter.opened("s2", "/chat", null, null);
		assertThat(this.reporter.closed(openBefore, code, null).initiator()).isEqualTo(Initiator.SERVER);
		assertThat(this.reporter.closed(openAfter, code, null).initiator()).isEqualTo(Initiator.SERVER);
	}

	@Test
	void emptyReasonIsReportedAsNull() {
		assertThat(this.reporter.closed(this.reporter.opened("s1", null, null, null), 1000, "").reason()).isNull();
		assertThat(this.reporter.closed(this.reporter.opened("s2", null, null, null), 1000, null).reason()).isNull();
		assertThat(this.reporter.closed(this.reporter.opened("s3", null, null, null), 1000, " ").reason())
			.isEqualTo(" ");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 1005, 1006, 1015 })
	void containerTextGivenWithACodeThatIsNeverSentIsNotAReason(int code) {
		TrackedSession session = this.reporter.opened("s1", null, null, null);
		assertThat(this.reporter.closed(session, code, "The WebSocket session [0] idle timeout expired").reason())
			.isNull();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 1000, 1002, 1004, 3000, 4999, 5000 })
	void reasonGivenWithAnyOtherCodeIsKept(int code) {
		TrackedSession session = this.reporter.opened("s1", null, null, null);
		assertThat(this.reporter.closed(session, code, "bye").reason()).isEqualTo("bye");
	}

	@Test
	void closeCodeIsClassifiedWithTheCatalogsNames() {
		CloseCodeCatalog catalog = CloseCodeCatalog.of(Map.of(4001, "unauthorized"));
		CloseReporter reporter = new CloseReporter(catalog, List.of(this.listener));
		assertThat(reporter.getCatalog()).isSameAs(catalog);
		assertThat(reporter.closed(reporter.opened("s1", null, null, null), 4001, null).closeCode())
			.isSameAs(catalog.classify(4001));
		assertThat(reporter.closed(reporter.opened("s2", null, null, null), 4500, null).closeCode().tagValue())
			.isEqualTo("session_not_reliable");
		assertThat(reporter.closed(reporter.opened("s3", null, null, null), 4002, null).closeCode())
			.isEqualTo(CloseCode.of(4002));
	}

	@Test
	void openedAtComesFromTheClockAndDurationIsMeasuredFromOpeningToClosing() throws InterruptedException {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		Thread.sleep(5);
		SessionClose close = this.reporter.closed(session, 1000, null);
		assertThat(close.openedAt()).isEqualTo(OPENED_AT);
		assertThat(close.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
	}

	@Test
	void principalSetAfterOpeningIsReported() {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		session.principal(ALICE);
		assertThat(this.reporter.closed(session, 1000, null).principal()).isSameAs(ALICE);
	}

	@Test
	void listenersAreCalledInOrder() {
		List<String> calls = new ArrayList<>();
		CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(),
				List.of((close) -> calls.add("first"), (close) -> calls.add("second"), (close) -> calls.add("third")));
		reporter.closed(reporter.opened("s1", null, null, null), 1000, null);
		assertThat(calls).containsExactly("first", "second", "third");
	}

	@ParameterizedTest
	@MethodSource("listenerFailures")
	void closeListenerThatThrowsDoesNotStopTheNextListenerAndIsLogged(Throwable failure, CapturedOutput output) {
		CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(),
				List.of(new FailingListener(failure), this.listener));
		SessionClose close = reporter.closed(reporter.opened("s1", "/chat", null, null), 1000, null);
		assertThat(close).isNotNull();
		assertThat(this.listener.closed).containsExactly(close);
		assertThat(output)
			.containsPattern("WARN .*WebSocket session listener failing listener failed for session \"s1\"")
			.contains(failure.toString());
	}

	static Stream<Throwable> listenerFailures() {
		return Stream.of(new IllegalStateException("listener broke"), new AssertionError("listener asserted"));
	}

	@Test
	void openListenerThatThrowsDoesNotStopTheNextListenerAndIsLogged(CapturedOutput output) {
		SessionLifecycleListener failing = new FailingListener(new IllegalStateException("open broke"));
		CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(failing, this.listener));
		TrackedSession session = reporter.opened("s1", "/chat", null, null);
		assertThat(this.listener.opened).singleElement()
			.isEqualTo(new OpenedSession("s1", "/chat", null, null, session.getOpenedAt()));
		assertThat(output)
			.containsPattern("WARN .*WebSocket session listener failing listener failed for session \"s1\"")
			.contains("java.lang.IllegalStateException: open broke");
	}

	@Test
	void sessionIdInTheListenerFailureLogLineIsEscaped(CapturedOutput output) {
		SessionLifecycleListener failing = new FailingListener(new IllegalStateException("broke"));
		CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(failing));
		reporter.closed(reporter.opened("evil\r\nWARN forged", "/chat", null, null), 1000, null);
		assertThat(output).contains("failed for session \"evil\\r\\nWARN forged\"")
			.doesNotContain("evil\r\nWARN forged");
	}

	@Test
	void sessionCloseToStringEscapesTheReasonAndLeavesOutPrincipalAndUri() {
		SessionClose close = this.reporter.closed(this.reporter.opened("s1", "/chat", HANDSHAKE_URI, ALICE), 4001,
				"bye\r\n2026-03-01 ERROR forged \"line\"");
		assertThat(close.toString()).startsWith("SessionClose[id=s1, code=4001 (Private (application)), reason=")
			.contains("reason=\"bye\\r\\n2026-03-01 ERROR forged \\\"line\\\"\"")
			.contains("clean=true, initiator=CLIENT, endpoint=/chat, duration=PT")
			.doesNotContain("\r")
			.doesNotContain("\n")
			.doesNotContain("alice")
			.doesNotContain("room=1");
	}

	@Test
	void sessionCloseToStringShowsANullReasonUnquoted() {
		SessionClose close = this.reporter.closed(this.reporter.opened("s1", "/chat", null, null), 1006, null);
		assertThat(close.toString()).contains("code=1006 (Abnormal Closure), reason=null, clean=false");
	}

	private SessionClose close(int code) {
		SessionClose close = this.reporter.closed(this.reporter.opened("s-" + code, "/chat", null, null), code, null);
		assertThat(close).isNotNull();
		return close;
	}

	private static final class FailingListener implements SessionLifecycleListener {

		private final Throwable failure;

		FailingListener(Throwable failure) {
			this.failure = failure;
		}

		@Override
		public void sessionOpened(OpenedSession session) {
			throwFailure();
		}

		@Override
		public void sessionClosed(SessionClose close) {
			throwFailure();
		}

		private void throwFailure() {
			if (this.failure instanceof RuntimeException ex) {
				throw ex;
			}
			throw (Error) this.failure;
		}

		@Override
		public String toString() {
			return "failing listener";
		}

	}

}
