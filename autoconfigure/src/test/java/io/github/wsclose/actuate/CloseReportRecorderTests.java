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

import java.io.EOFException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.wsclose.CloseCode;
import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.Initiator;
import io.github.wsclose.PeerText;
import io.github.wsclose.SessionClose;
import io.github.wsclose.actuate.CloseReport.CodeCloses;
import io.github.wsclose.actuate.CloseReport.EndpointCloses;
import io.github.wsclose.actuate.CloseReport.UncleanClose;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link CloseReportRecorder}.
 */
class CloseReportRecorderTests {

	private static final Instant OPENED = Instant.parse("2026-05-01T10:00:00Z");

	private final CloseCodeCatalog catalog = CloseCodeCatalog.of(Map.of(4001, "unauthorized"));

	private final CloseReportRecorder recorder = new CloseReportRecorder(3);

	@Test
	void countsClosesPerEndpointAndCodeWithNamesCategoriesAndUncleanShare() {
		record(1000, true, Initiator.CLIENT, "/chat");
		record(1000, true, Initiator.SERVER, "/chat");
		record(1000, true, Initiator.CLIENT, "/chat");
		record(1006, false, Initiator.UNKNOWN, "/chat");
		record(4001, true, Initiator.SERVER, "/chat");
		record(1001, true, Initiator.CLIENT, "/feed");

		CloseReport report = this.recorder.report();

		assertThat(report.endpoints()).containsOnlyKeys("/chat", "/feed");
		EndpointCloses chat = report.endpoints().get("/chat");
		assertThat(chat.closes()).isEqualTo(5);
		assertThat(chat.unclean()).isEqualTo(1);
		assertThat(chat.uncleanShare()).isEqualTo(0.2);
		assertThat(chat.codes()).containsExactly(
				new CodeCloses("1000", "Normal Closure", "normal_closure", "standard", 3, 0,
						Map.of("server", 1L, "client", 2L, "unknown", 0L)),
				new CodeCloses("1006", "Abnormal Closure", "abnormal_closure", "standard", 1, 1,
						Map.of("server", 0L, "client", 0L, "unknown", 1L)),
				new CodeCloses("4001", "unauthorized", "unauthorized", "private", 1, 0,
						Map.of("server", 1L, "client", 0L, "unknown", 0L)));
		assertThat(report.endpoints().get("/feed").uncleanShare()).isZero();
	}

	@Test
	void unnamedCodesAreCountedInTheirRangeSoPeersCannotGrowTheCounts() {
		for (int code = 4000; code < 5000; code++) {
			record(code, true, Initiator.CLIENT, "/chat");
		}
		for (int code = 1016; code < 3000; code++) {
			record(code, true, Initiator.CLIENT, "/chat");
		}
		record(-1, true, Initiator.CLIENT, "/chat");
		record(70000, true, Initiator.CLIENT, "/chat");

		List<CodeCloses> codes = this.recorder.report().endpoints().get("/chat").codes();

		assertThat(codes).extracting(CodeCloses::code, CodeCloses::status, CodeCloses::name, CodeCloses::count)
			.containsExactly(tuple("other", "reserved", "Reserved", 1984L),
					tuple("4xxx", "private", "Private (application)", 998L), tuple("other", "invalid", "Invalid", 2L),
					tuple("4001", "unauthorized", "unauthorized", 1L),
					tuple("4500", "session_not_reliable", "session_not_reliable", 1L));
	}

	@Test
	void sessionWithoutEndpointIsReportedUnderUnknown() {
		record(1000, true, Initiator.CLIENT, null);

		assertThat(this.recorder.report().endpoints()).containsOnlyKeys("unknown");
	}

	@Test
	void uncleanCloseIsListedWithTimeReasonTransportErrorAndDuration() {
		SessionClose close = new SessionClose("s7", 1006, null, CloseCode.ABNORMAL_CLOSURE, false, Initiator.UNKNOWN,
				"/chat", null, null, OPENED, Duration.ofSeconds(42), new EOFException("peer went away"));

		this.recorder.sessionClosed(close);

		assertThat(this.recorder.report().recentUnclean()).containsExactly(
				new UncleanClose(OPENED.plusSeconds(42), "/chat", "s7", 1006, "Abnormal Closure", "abnormal_closure",
						null, "java.io.EOFException: peer went away", "unknown", Duration.ofSeconds(42)));
	}

	@Test
	void cleanClosesAreNotListed() {
		record(1000, true, Initiator.CLIENT, "/chat");
		record(1011, true, Initiator.SERVER, "/chat");

		assertThat(this.recorder.report().recentUnclean()).isEmpty();
	}

	@Test
	void onlyTheMostRecentUncleanClosesAreListedNewestFirst() {
		for (int i = 1; i <= 5; i++) {
			this.recorder.sessionClosed(uncleanClose("s" + i, null));
		}

		assertThat(this.recorder.report().recentUnclean()).extracting(UncleanClose::sessionId)
			.containsExactly("s5", "s4", "s3");
	}

	@Test
	void reasonIsKeptEscapedAndCutTo123Utf8BytesWithoutSplittingACharacter() {
		String control = "line\r\nbreak\u001b[31m";
		String euros = "€".repeat(50);
		String emoji = "a" + "\uD83D\uDE00".repeat(40);

		this.recorder.sessionClosed(uncleanClose("control", control));
		assertThat(this.recorder.report().recentUnclean().get(0).reason()).isEqualTo("line\\r\\nbreak\\u001b[31m");
		this.recorder.sessionClosed(uncleanClose("euros", euros));
		assertThat(this.recorder.report().recentUnclean().get(0).reason()).isEqualTo("€".repeat(41));
		this.recorder.sessionClosed(uncleanClose("emoji", emoji));
		assertThat(this.recorder.report().recentUnclean().get(0).reason()).isEqualTo("a" + "\uD83D\uDE00".repeat(30));
	}

	@Test
	void transportErrorIsDescribedByClassAndMessageCutTo256Characters() {
		assertThat(PeerText.describe(new EOFException())).isEqualTo("java.io.EOFException");
		assertThat(PeerText.describe(new IllegalStateException("x".repeat(1000)))).hasSize(PeerText.MAX_LENGTH)
			.startsWith("java.lang.IllegalStateException: xxx");
		assertThat(PeerText.describe(null)).isNull();
	}

	@Test
	void sizeMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CloseReportRecorder(0))
			.withMessage("Capacity must be positive, was 0");
	}

	@Test
	void concurrentClosesAreAllCountedAndTheRingKeepsItsSize() throws Exception {
		int threads = 4;
		int perThread = 5_000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			for (int t = 0; t < threads; t++) {
				executor.execute(() -> {
					awaitQuietly(start);
					for (int i = 0; i < perThread; i++) {
						this.recorder.sessionClosed(uncleanClose("s" + i, null));
					}
				});
			}
			start.countDown();
			executor.shutdown();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			executor.shutdownNow();
		}

		CloseReport report = this.recorder.report();
		assertThat(report.endpoints().get("/chat").unclean()).isEqualTo(threads * perThread);
		assertThat(report.recentUnclean()).hasSize(3);
	}

	private void record(int code, boolean clean, Initiator initiator, @Nullable String endpoint) {
		this.recorder.sessionClosed(new SessionClose("s", code, null, this.catalog.classify(code), clean, initiator,
				endpoint, null, null, OPENED, Duration.ofSeconds(1), null));
	}

	private static SessionClose uncleanClose(String sessionId, @Nullable String reason) {
		return new SessionClose(sessionId, 1006, reason, CloseCode.ABNORMAL_CLOSURE, false, Initiator.UNKNOWN, "/chat",
				null, null, OPENED, Duration.ofSeconds(1), null);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void clientChosenSessionIdIsCutTo64CharactersAndEscaped() {
		this.recorder.sessionClosed(uncleanClose("x".repeat(7000), null));
		this.recorder.sessionClosed(uncleanClose("id\u202e\u009b\u2028", null));
		List<UncleanClose> recent = this.recorder.report().recentUnclean();
		assertThat(recent.get(1).sessionId()).hasSize(CloseReportRecorder.MAX_SESSION_ID_LENGTH);
		assertThat(recent.get(0).sessionId()).isEqualTo("id\\u202e\\u009b\\u2028");
	}

}
