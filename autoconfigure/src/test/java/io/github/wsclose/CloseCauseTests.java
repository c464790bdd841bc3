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
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.apache.tomcat.util.res.StringManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link CloseCause} rules of {@link CloseReporter} and the activity that
 * {@link TrackedSession} keeps.
 */
class CloseCauseTests {

	private final RecordingListener listener = new RecordingListener();

	private final CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(this.listener));

	@Test
	void tagValuesAreLowerSnakeCaseNames() {
		assertThat(CloseCause.PEER_CLOSED.tagValue()).isEqualTo("peer_closed");
		assertThat(CloseCause.NO_FIRST_MESSAGE.tagValue()).isEqualTo("no_first_message");
		for (CloseCause cause : CloseCause.values()) {
			assertThat(cause.tagValue()).matches("[a-z][a-z_]*").isEqualTo(cause.name().toLowerCase());
		}
	}

	@ParameterizedTest(name = "{0} with no evidence is {1}")
	@CsvSource(textBlock = """
			1000,  PEER_CLOSED
			1001,  PEER_CLOSED
			1005,  PEER_CLOSED
			1011,  PEER_CLOSED
			4001,  PEER_CLOSED
			1009,  MESSAGE_TOO_BIG
			1002,  PROTOCOL_ERROR
			1007,  PROTOCOL_ERROR
			1004,  PROTOCOL_ERROR
			999,   PROTOCOL_ERROR
			5000,  PROTOCOL_ERROR
			1006,  CONNECTION_LOST
			1015,  CONNECTION_LOST
			""")
	void withoutEvidenceTheCodeTellsTheCause(int code, CloseCause cause) {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		assertThat(closed(session, code).closeCause()).isEqualTo(cause);
	}

	@ParameterizedTest(name = "{0} \"{1}\" is {2}")
	@CsvSource(textBlock = """
			1006, 'The WebSocket session [3f] idle timeout expired',      IDLE_TIMEOUT
			1006, 'The WebSocket session [3f] read idle timeout expired', IDLE_TIMEOUT
			1006, 'Connection reset',                                    CONNECTION_LOST
			1006, 'Le délai d''attente maximum de la session WebSocket [3f] a été dépassé', CONNECTION_LOST
			1001, 'Connection Idle Timeout',                             IDLE_TIMEOUT
			1001, 'idle timeout expired',                                PEER_CLOSED
			1000, 'Connection Idle Timeout',                             PEER_CLOSED
			""")
	void containersIdleTimeoutsAreReadFromTheirText(int code, String reason, CloseCause cause) {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		SessionClose close = this.reporter.closed(session, code, reason);
		assertThat(close).isNotNull();
		assertThat(close.closeCause()).isEqualTo(cause);
	}

	/**
	 * The French row above is Tomcat's own translation (tomcat-i18n-fr, the last one
	 * published being 9.0.70): Spring Boot's embedded Tomcat carries its English messages
	 * only, so that under any locale it reports its idle timeout as the rule reads it.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "fr", "de", "es", "ja", "ko", "zh-CN", "pt-BR", "ru", "cs" })
	void embeddedTomcatReportsItsIdleTimeoutInEnglishUnderEveryLocale(String languageTag) {
		StringManager messages = StringManager.getManager("org.apache.tomcat.websocket",
				Locale.forLanguageTag(languageTag));
		for (String key : List.of("wsSession.timeout", "wsSession.timeoutRead", "wsSession.timeoutWrite")) {
			String reason = messages.getString(key, "3f");
			assertThat(reason).startsWith("The WebSocket session [3f]");
			TrackedSession session = this.reporter.opened("s", "/chat", null, null);
			SessionClose close = this.reporter.closed(session, 1006, reason);
			assertThat(close).isNotNull();
			assertThat(close.closeCause()).as(reason).isEqualTo(CloseCause.IDLE_TIMEOUT);
		}
	}

	@Test
	void aTransportErrorWithACloseCodeIsAConnectionLost() {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		session.transportError(new IOException("Broken pipe"));
		assertThat(closed(session, 1000).closeCause()).isEqualTo(CloseCause.CONNECTION_LOST);
	}

	@Test
	void aServerCloseWithNoEvidenceIsUnknown() {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		session.serverClosing();
		assertThat(closed(session, 1000).closeCause()).isEqualTo(CloseCause.UNKNOWN);
	}

	@Test
	void theFirstEvidenceWinsOverTheCode() {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		session.cause(CloseCause.SEND_LIMIT);
		session.cause(CloseCause.APPLICATION);
		session.serverClosing();
		assertThat(closed(session, 1006).closeCause()).isEqualTo(CloseCause.SEND_LIMIT);
	}

	@Test
	void whileShuttingDownAnApplicationCloseOrNoEvidenceIsShutdown() {
		TrackedSession application = this.reporter.opened("a", "/chat", null, null);
		TrackedSession none = this.reporter.opened("n", "/chat", null, null);
		TrackedSession handlerError = this.reporter.opened("h", "/chat", null, null);
		application.cause(CloseCause.APPLICATION);
		handlerError.cause(CloseCause.HANDLER_ERROR);
		this.reporter.shuttingDown();
		assertThat(closed(application, 1001).closeCause()).isEqualTo(CloseCause.SHUTDOWN);
		assertThat(closed(none, 1000).closeCause()).isEqualTo(CloseCause.SHUTDOWN);
		assertThat(closed(handlerError, 1011).closeCause()).isEqualTo(CloseCause.HANDLER_ERROR);
	}

	@Test
	void sessionsClosedByTheShutdownCloserAreShutdown() {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		session.closeOnShutdownWith(() -> this.reporter.closed(session, 1001, null));
		new OpenSessionsCloser(this.reporter).closeAll(Duration.ofSeconds(5));
		assertThat(this.listener.closed).singleElement().satisfies((close) -> {
			assertThat(close.closeCause()).isEqualTo(CloseCause.SHUTDOWN);
			assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
		});
	}

	@Test
	void countsAreReportedExactly() {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		for (int i = 0; i < 7; i++) {
			session.messageReceived();
		}
		for (int i = 0; i < 5; i++) {
			session.sendStarted();
			session.messageSent();
			session.sendEnded();
		}
		session.sendStarted();
		assertThat(session.isSending()).isTrue();
		session.sendEnded();
		SessionClose close = closed(session, 1000);
		assertThat(close.messagesReceived()).isEqualTo(7);
		assertThat(close.messagesSent()).isEqualTo(5);
		assertThat(session.isSending()).isFalse();
	}

	@Test
	void idleTimeIsTheWholeLifetimeWithoutActivity() {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		SessionClose close = closed(session, 1000);
		assertThat(close.idleTime()).isEqualTo(close.duration());
	}

	@Test
	void idleTimeRunsFromTheLastMessage() throws InterruptedException {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		Thread.sleep(50);
		session.messageReceived();
		SessionClose close = closed(session, 1000);
		assertThat(close.idleTime()).isLessThan(close.duration());
		assertThat(close.duration().minus(close.idleTime())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
	}

	@Test
	void theEventExposesCauseIdleTimeAndCounts() {
		TrackedSession session = this.reporter.opened("s", "/chat", null, null);
		session.messageReceived();
		session.cause(CloseCause.IDLE_TIMEOUT);
		WebSocketSessionClosedEvent event = new WebSocketSessionClosedEvent(closed(session, 1001));
		assertThat(event.getCloseCause()).isEqualTo(CloseCause.IDLE_TIMEOUT);
		assertThat(event.getMessagesReceived()).isOne();
		assertThat(event.getMessagesSent()).isZero();
		assertThat(event.getIdleTime()).isEqualTo(event.getClose().idleTime()).isLessThanOrEqualTo(event.getDuration());
		assertThat(event.toString()).contains("cause=idle_timeout", "received=1", "sent=0");
	}

	private SessionClose closed(TrackedSession session, int code) {
		SessionClose close = this.reporter.closed(session, code, null);
		assertThat(close).isNotNull();
		return close;
	}

}
