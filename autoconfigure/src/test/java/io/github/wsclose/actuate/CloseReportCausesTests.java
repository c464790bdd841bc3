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

package io.github.wsclose.actuate;

import java.time.Duration;
import java.time.Instant;

import io.github.wsclose.CloseCause;
import io.github.wsclose.CloseCode;
import io.github.wsclose.Initiator;
import io.github.wsclose.SessionClose;
import io.github.wsclose.actuate.CloseReport.CauseCloses;
import io.github.wsclose.actuate.CloseReport.EndpointCloses;
import io.github.wsclose.actuate.CloseReport.UncleanClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the causes and idle times that {@link CloseReportRecorder} reports.
 */
class CloseReportCausesTests {

	private static final Instant OPENED = Instant.parse("2026-05-01T10:00:00Z");

	private final CloseReportRecorder recorder = new CloseReportRecorder(3);

	@Test
	void countsPerCauseStandBesideCountsPerCodeWithTheMedianIdleTime() {
		record(1006, false, CloseCause.CONNECTION_LOST, 60);
		record(1006, false, CloseCause.CONNECTION_LOST, 59);
		record(1006, false, CloseCause.CONNECTION_LOST, 1);
		record(1000, true, CloseCause.PEER_CLOSED, 2);
		record(1000, true, CloseCause.PEER_CLOSED, 4);

		EndpointCloses chat = this.recorder.report().endpoints().get("/chat");

		assertThat(chat.codes()).hasSize(2);
		assertThat(chat.causes()).containsExactly(new CauseCloses("connection_lost", 3, Duration.ofSeconds(59)),
				new CauseCloses("peer_closed", 2, Duration.ofSeconds(3)));
	}

	@Test
	void theMedianIdleTimeIsOfTheMostRecentClosesOnly() {
		for (int i = 0; i < CloseReportRecorder.IDLE_TIMES_KEPT; i++) {
			record(1006, false, CloseCause.CONNECTION_LOST, 1);
		}
		for (int i = 0; i < CloseReportRecorder.IDLE_TIMES_KEPT; i++) {
			record(1006, false, CloseCause.CONNECTION_LOST, 60);
		}

		CauseCloses lost = this.recorder.report().endpoints().get("/chat").causes().get(0);

		assertThat(lost.count()).isEqualTo(2L * CloseReportRecorder.IDLE_TIMES_KEPT);
		assertThat(lost.medianIdleTime()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void recentUncleanClosesShowCauseIdleTimeAndCounts() {
		this.recorder.sessionClosed(new SessionClose("s1", 1001, "Connection Idle Timeout", CloseCode.of(1001), false,
				Initiator.UNKNOWN, "/chat", null, null, OPENED, Duration.ofSeconds(5), null, CloseCause.IDLE_TIMEOUT,
				Duration.ofSeconds(3), 7, 5));

		UncleanClose close = this.recorder.report().recentUnclean().get(0);

		assertThat(close.cause()).isEqualTo("idle_timeout");
		assertThat(close.idleTime()).isEqualTo(Duration.ofSeconds(3));
		assertThat(close.messagesReceived()).isEqualTo(7);
		assertThat(close.messagesSent()).isEqualTo(5);
	}

	private void record(int code, boolean clean, CloseCause cause, long idleSeconds) {
		this.recorder
			.sessionClosed(new SessionClose("s", code, null, CloseCode.of(code), clean, Initiator.UNKNOWN, "/chat",
					null, null, OPENED, Duration.ofSeconds(100), null, cause, Duration.ofSeconds(idleSeconds), 0, 0));
	}

}
