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

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.HandshakeReporter;
import io.github.wsclose.actuate.HandshakeReport.EndpointHandshakes;
import io.github.wsclose.actuate.HandshakeReport.RejectedHandshake;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandshakeReportRecorder} and the handshake part of the
 * {@link WebSocketClosesEndpoint}.
 */
class HandshakeReportRecorderTests {

	private final HandshakeReportRecorder recorder = new HandshakeReportRecorder(2);

	private final HandshakeReporter reporter = new HandshakeReporter(List.of(this.recorder));

	@Test
	void countsEveryOutcomePerEndpointWithMappedEndpointsAtZero() {
		this.reporter.endpointMapped("/idle");
		this.reporter.report("/chat", HandshakeOutcome.ACCEPTED, 101, null, null, null, null);
		this.reporter.report("/chat", HandshakeOutcome.ACCEPTED, 101, null, null, null, null);
		this.reporter.report("/chat", HandshakeOutcome.ORIGIN_REJECTED, 403, null, "https://evil.example", null, null);
		this.reporter.report(null, HandshakeOutcome.BAD_REQUEST, 400, null, null, null, null);

		HandshakeReport report = this.recorder.report();

		assertThat(report.endpoints()).containsOnlyKeys("/chat", "/idle", "unknown");
		EndpointHandshakes chat = report.endpoints().get("/chat");
		assertThat(chat.handshakes()).isEqualTo(3);
		assertThat(chat.rejected()).isEqualTo(1);
		assertThat(chat.outcomes()).containsExactly(Map.entry("accepted", 2L), Map.entry("origin_rejected", 1L),
				Map.entry("interceptor_rejected", 0L), Map.entry("bad_request", 0L), Map.entry("failed", 0L));
		assertThat(report.endpoints().get("/idle").handshakes()).isZero();
		assertThat(report.endpoints().get("/idle").outcomes()).hasSize(5)
			.allSatisfy((outcome, count) -> assertThat(count).isZero());
	}

	@Test
	void keepsTheMostRecentRejectedHandshakesNewestFirstEscaped() {
		this.reporter.report("/chat", HandshakeOutcome.ORIGIN_REJECTED, 403, URI.create("http://localhost/chat"),
				"https://first.example", null, null);
		this.reporter.report("/chat", HandshakeOutcome.ACCEPTED, 101, null, null, null, null);
		this.reporter.report("/chat", HandshakeOutcome.INTERCEPTOR_REJECTED, 401, URI.create("http://localhost/chat"),
				"https://second.example\u001b[31m", null, null);
		this.reporter.report("/chat", HandshakeOutcome.FAILED, 500, URI.create("http://localhost/chat?x=1"), null, null,
				new IllegalStateException("boom"));

		List<RejectedHandshake> recent = this.recorder.report().recentRejected();

		assertThat(recent).extracting(RejectedHandshake::outcome).containsExactly("failed", "interceptor_rejected");
		assertThat(recent.get(0).status()).isEqualTo(500);
		assertThat(recent.get(0).uri()).isEqualTo("http://localhost/chat?x=1");
		assertThat(recent.get(0).error()).isEqualTo("java.lang.IllegalStateException: boom");
		assertThat(recent.get(1).origin()).isEqualTo("https://second.example\\u001b[31m");
	}

	@Test
	void endpointMasksOriginUriAndErrorUnlessShowValuesAllowsThem() {
		this.reporter.report("/chat", HandshakeOutcome.FAILED, 500, URI.create("http://localhost/chat"),
				"https://evil.example", null, new IllegalStateException("boom"));

		RejectedHandshake masked = new WebSocketClosesEndpoint(new CloseReportRecorder(1), this.recorder, Show.NEVER,
				Set.of())
			.closes(SecurityContext.NONE)
			.handshakes()
			.recentRejected()
			.get(0);
		RejectedHandshake shown = new WebSocketClosesEndpoint(new CloseReportRecorder(1), this.recorder, Show.ALWAYS,
				Set.of())
			.closes(SecurityContext.NONE)
			.handshakes()
			.recentRejected()
			.get(0);

		assertThat(masked)
			.isEqualTo(new RejectedHandshake(masked.time(), "/chat", "failed", 500, "******", "******", "******"));
		assertThat(shown.origin()).isEqualTo("https://evil.example");
		assertThat(shown.uri()).isEqualTo("http://localhost/chat");
	}

	@Test
	void endpointWithoutHandshakeRecorderReportsNoHandshakes() {
		assertThat(new WebSocketClosesEndpoint(new CloseReportRecorder(1)).closes(SecurityContext.NONE).handshakes())
			.isEqualTo(HandshakeReport.empty());
	}

}
