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

package io.github.wsclose.metrics;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.wsclose.CloseCause;
import io.github.wsclose.CloseCode;
import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.Initiator;
import io.github.wsclose.SessionClose;
import io.github.wsclose.TrackedSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.wsclose.metrics.WebSocketSessionMetrics.ACTIVE;
import static io.github.wsclose.metrics.WebSocketSessionMetrics.CLOSED;
import static io.github.wsclose.metrics.WebSocketSessionMetrics.DURATION;
import static io.github.wsclose.metrics.WebSocketSessionMetrics.OPENED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketSessionMetrics}.
 */
class WebSocketSessionMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final WebSocketSessionMetrics metrics = new WebSocketSessionMetrics(this.registry);

	private final CloseReporter reporter = new CloseReporter(CloseCodeCatalog.of(Map.of(4001, "unauthorized")),
			List.of(this.metrics));

	@Test
	void meterNamesAreTheContracts() {
		assertThat(CLOSED).isEqualTo("websocket.sessions.closed");
		assertThat(OPENED).isEqualTo("websocket.sessions.opened");
		assertThat(ACTIVE).isEqualTo("websocket.sessions.active");
		assertThat(DURATION).isEqualTo("websocket.sessions.duration");
		assertThat(WebSocketSessionMetrics.UNKNOWN_ENDPOINT).isEqualTo("unknown");
	}

	@Test
	void openedCounterCountsSessionsByEndpoint() {
		this.reporter.opened("s1", "/chat", null, null);
		this.reporter.opened("s2", "/chat", null, null);
		Counter opened = this.registry.get(OPENED).tag("endpoint", "/chat").counter();
		assertThat(opened.count()).isEqualTo(2);
		assertThat(opened.getId().getType()).isEqualTo(Meter.Type.COUNTER);
		assertThat(opened.getId().getBaseUnit()).isEqualTo("sessions");
		assertThat(opened.getId().getDescription()).isEqualTo("WebSocket sessions opened, by endpoint");
		assertThat(tagKeys(opened)).containsExactly("endpoint");
	}

	@Test
	void activeGaugeGoesUpWithOpensAndBackToZeroWithCloses() {
		TrackedSession one = this.reporter.opened("s1", "/chat", null, null);
		TrackedSession two = this.reporter.opened("s2", "/chat", null, null);
		Gauge active = this.registry.get(ACTIVE).tag("endpoint", "/chat").gauge();
		assertThat(active.value()).isEqualTo(2);
		this.reporter.closed(one, 1000, null);
		assertThat(active.value()).isEqualTo(1);
		this.reporter.closed(two, 1006, null);
		assertThat(active.value()).isZero();
		assertThat(active.getId().getBaseUnit()).isEqualTo("sessions");
		assertThat(active.getId().getDescription()).isEqualTo("WebSocket sessions open now, by endpoint");
		assertThat(tagKeys(active)).containsExactly("endpoint");
	}

	@Test
	void activeGaugeDoesNotCountAClosedSessionTwice() {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		this.reporter.closed(session, 1000, null);
		this.reporter.closed(session, 1000, null);
		assertThat(this.registry.get(ACTIVE).tag("endpoint", "/chat").gauge().value()).isZero();
		assertThat(this.registry.get(CLOSED).counter().count()).isEqualTo(1);
	}

	@Test
	void closedCounterHasTheContractsUnitDescriptionAndTags() {
		this.reporter.closed(this.reporter.opened("s1", "/chat", null, null), 1000, "bye");
		Counter closed = this.registry.get(CLOSED).counter();
		assertThat(closed.count()).isEqualTo(1);
		assertThat(closed.getId().getBaseUnit()).isEqualTo("sessions");
		assertThat(closed.getId().getDescription())
			.isEqualTo("WebSocket sessions closed, by close code, cleanliness, initiator, cause and endpoint");
		assertThat(closed.getId().getTags()).containsExactlyInAnyOrder(Tag.of("code", "1000"),
				Tag.of("status", "normal_closure"), Tag.of("category", "standard"), Tag.of("clean", "true"),
				Tag.of("initiator", "client"), Tag.of("cause", "peer_closed"), Tag.of("endpoint", "/chat"));
	}

	@ParameterizedTest(name = "{0} -> code={1}, status={2}, category={3}")
	@CsvSource({ "1000, 1000, normal_closure, standard", "1004, 1004, reserved, reserved",
			"1011, 1011, internal_error, standard", "1015, 1015, tls_handshake, standard",
			"4001, 4001, unauthorized, private", "4500, 4500, session_not_reliable, private",
			"4321, 4xxx, private, private", "3456, 3xxx, registered, registered", "1016, other, reserved, reserved",
			"2000, other, reserved, reserved", "70000, other, invalid, invalid", "-1, other, invalid, invalid",
			"500, other, unused, unused", "0, other, unused, unused" })
	void closedCounterTagsTheCodeWithABoundedValue(int code, String codeTag, String status, String category) {
		this.reporter.closed(this.reporter.opened("s1", "/chat", null, null), code, null);
		Counter closed = this.registry.get(CLOSED).counter();
		assertThat(closed.getId().getTag("code")).isEqualTo(codeTag);
		assertThat(closed.getId().getTag("status")).isEqualTo(status);
		assertThat(closed.getId().getTag("category")).isEqualTo(category);
		assertThat(closed.count()).isEqualTo(1);
	}

	@Test
	void closedCounterTagsCleanlinessAndInitiator() {
		this.reporter.closed(this.reporter.opened("client", "/chat", null, null), 1000, null);
		TrackedSession server = this.reporter.opened("server", "/chat", null, null);
		server.serverClosing();
		this.reporter.closed(server, 1000, null);
		this.reporter.closed(this.reporter.opened("unknown", "/chat", null, null), 1006, null);
		assertThat(closedCount("1000", "true", "client")).isEqualTo(1);
		assertThat(closedCount("1000", "true", "server")).isEqualTo(1);
		assertThat(closedCount("1006", "false", "unknown")).isEqualTo(1);
		assertThat(this.registry.find(CLOSED).counters()).hasSize(3);
	}

	@Test
	void durationTimerRecordsLifetimesByEndpointCategoryAndCleanliness() {
		this.metrics.sessionClosed(close("/chat", CloseCode.of(1000), true, Initiator.CLIENT, Duration.ofSeconds(90)));
		this.metrics.sessionClosed(close("/chat", CloseCode.of(1001), true, Initiator.SERVER, Duration.ofSeconds(30)));
		this.metrics.sessionClosed(close("/chat", CloseCode.of(1006), false, Initiator.UNKNOWN, Duration.ofSeconds(5)));
		Timer clean = this.registry.get(DURATION)
			.tags("endpoint", "/chat", "category", "standard", "clean", "true")
			.timer();
		assertThat(clean.count()).isEqualTo(2);
		assertThat(clean.totalTime(TimeUnit.SECONDS)).isEqualTo(120);
		assertThat(clean.max(TimeUnit.SECONDS)).isEqualTo(90);
		assertThat(clean.getId().getDescription())
			.isEqualTo("How long WebSocket sessions lived, by endpoint, close category and cleanliness");
		assertThat(tagKeys(clean)).containsExactlyInAnyOrder("endpoint", "category", "clean");
		Timer unclean = this.registry.get(DURATION)
			.tags("endpoint", "/chat", "category", "standard", "clean", "false")
			.timer();
		assertThat(unclean.count()).isEqualTo(1);
		assertThat(unclean.totalTime(TimeUnit.SECONDS)).isEqualTo(5);
		assertThat(this.registry.find(DURATION).timers()).hasSize(2);
	}

	@Test
	void nullEndpointIsTaggedUnknown() {
		this.reporter.closed(this.reporter.opened("s1", null, null, null), 1000, null);
		assertThat(this.registry.get(OPENED).tag("endpoint", "unknown").counter().count()).isEqualTo(1);
		assertThat(this.registry.get(ACTIVE).tag("endpoint", "unknown").gauge().value()).isZero();
		assertThat(this.registry.get(CLOSED).tag("endpoint", "unknown").counter().count()).isEqualTo(1);
		assertThat(this.registry.get(DURATION).tag("endpoint", "unknown").timer().count()).isEqualTo(1);
	}

	@Test
	void endpointsHaveSeparateMeters() {
		this.reporter.opened("s1", "/a", null, null);
		this.reporter.closed(this.reporter.opened("s2", "/ws/{room}", null, null), 1000, null);
		assertThat(this.registry.get(ACTIVE).tag("endpoint", "/a").gauge().value()).isEqualTo(1);
		assertThat(this.registry.get(ACTIVE).tag("endpoint", "/ws/{room}").gauge().value()).isZero();
		assertThat(this.registry.find(CLOSED).tag("endpoint", "/a").counters()).isEmpty();
		assertThat(this.registry.get(CLOSED).tag("endpoint", "/ws/{room}").counter().count()).isEqualTo(1);
	}

	@Test
	void closesOfTheSameKindShareOneSeries() {
		for (int i = 0; i < 100; i++) {
			this.reporter.closed(this.reporter.opened("s" + i, "/chat", null, null), 1000, "reason " + i);
		}
		assertThat(this.registry.find(CLOSED).counters()).singleElement()
			.satisfies((counter) -> assertThat(counter.count()).isEqualTo(100));
	}

	@Test
	void noTagCarriesAReasonSessionIdUriOrUserName() {
		TrackedSession session = this.reporter.opened("session-7f3a", "/chat",
				URI.create("ws://example.com/chat?token=s3cr3t"), () -> "alice");
		session.transportError(new IOException("reset by 203.0.113.9"));
		this.reporter.closed(session, 4001, "token s3cr3t expired for alice");
		List<String> tagValues = new ArrayList<>();
		this.registry.getMeters()
			.forEach((meter) -> meter.getId().getTags().forEach((tag) -> tagValues.add(tag.getValue())));
		assertThat(tagValues).isNotEmpty()
			.noneMatch((value) -> value.contains("session-7f3a") || value.contains("s3cr3t") || value.contains("alice")
					|| value.contains("example.com") || value.contains("203.0.113.9"));
	}

	@Test
	void closesWith2000DifferentUnnamedCodesCreateOneSeriesPerRangeAndOutcome() {
		Outcome[] outcomes = { new Outcome(true, Initiator.CLIENT), new Outcome(true, Initiator.SERVER),
				new Outcome(false, Initiator.UNKNOWN) };
		for (int code = 3000; code <= 4999; code++) {
			TrackedSession session = this.reporter.opened("s" + code, "/chat", null, null);
			Outcome outcome = outcomes[code % outcomes.length];
			this.metrics.sessionClosed(close(session.getEndpoint(), CloseCode.of(code), outcome.clean(),
					outcome.initiator(), Duration.ofMillis(code)));
		}
		List<Counter> closed = new ArrayList<>(this.registry.find(CLOSED).counters());
		assertThat(closed).hasSize(2 * outcomes.length);
		assertThat(closed).extracting((counter) -> counter.getId().getTag("code")).containsOnly("3xxx", "4xxx");
		assertThat(closed.stream().mapToDouble(Counter::count).sum()).isEqualTo(2000);
		assertThat(this.registry.find(DURATION).timers()).hasSize(2 * 2);
		assertThat(this.registry.get(ACTIVE).tag("endpoint", "/chat").gauge().value()).isZero();
	}

	@Test
	void closesWith2000HostileCodesAndEveryCauseStayWithinTheBound() {
		Outcome[] outcomes = { new Outcome(true, Initiator.CLIENT), new Outcome(true, Initiator.SERVER),
				new Outcome(false, Initiator.UNKNOWN) };
		CloseCause[] causes = CloseCause.values();
		for (int code = 3000; code <= 4999; code++) {
			Outcome outcome = outcomes[code % outcomes.length];
			CloseCause cause = causes[(code / outcomes.length) % causes.length];
			this.metrics.sessionClosed(
					new SessionClose("s" + code, code, null, CloseCode.of(code), outcome.clean(), outcome.initiator(),
							"/chat", null, null, Instant.EPOCH, Duration.ZERO, null, cause, Duration.ZERO, 0, 0));
		}
		List<Counter> closed = new ArrayList<>(this.registry.find(CLOSED).counters());
		// (3xxx, 4xxx) x 3 outcomes x 13 causes: the bound of docs/events-and-meters.md
		assertThat(closed).hasSize(2 * outcomes.length * causes.length);
		assertThat(closed).extracting((counter) -> counter.getId().getTag("cause"))
			.containsOnly(Arrays.stream(causes).map(CloseCause::tagValue).toArray(String[]::new));
		assertThat(closed.stream().mapToDouble(Counter::count).sum()).isEqualTo(2000);
	}

	@Test
	void theCauseIsATagOfTheClosedCounter() {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		session.cause(CloseCause.IDLE_TIMEOUT);
		this.reporter.closed(session, 1006, null);
		assertThat(this.registry.get(CLOSED).tags("cause", "idle_timeout", "code", "1006").counter().count())
			.isEqualTo(1);
		this.reporter.closed(this.reporter.opened("s2", "/chat", null, null), 1000, null);
		assertThat(this.registry.get(CLOSED).tags("cause", "peer_closed", "code", "1000").counter().count())
			.isEqualTo(1);
	}

	@Test
	void everyCodeAPeerCanSendCreatesAFixedNumberOfSeries() {
		for (int code = 0; code <= 65535; code++) {
			this.metrics.sessionClosed(close("/chat", CloseCode.of(code), true, Initiator.CLIENT, Duration.ZERO));
		}
		this.metrics.sessionClosed(close("/chat", CloseCode.of(-1), true, Initiator.CLIENT, Duration.ZERO));
		this.metrics
			.sessionClosed(close("/chat", CloseCode.of(Integer.MAX_VALUE), true, Initiator.CLIENT, Duration.ZERO));
		// 1000-1015, 3xxx, 4xxx, and 'other' as unused, reserved and invalid
		assertThat(this.registry.find(CLOSED).counters()).hasSize(16 + 2 + 3);
		assertThat(this.registry.find(CLOSED).tags("code", "other", "status", "invalid").counter().count())
			.isEqualTo(65535 - 4999 + 2);
	}

	@Test
	void namedCodesAddOneSeriesEach() {
		for (int code = 4000; code <= 4999; code++) {
			this.reporter.closed(this.reporter.opened("s" + code, "/chat", null, null), code, null);
		}
		assertThat(this.registry.find(CLOSED).counters()).extracting((counter) -> counter.getId().getTag("code"))
			.containsExactlyInAnyOrder("4xxx", "4001", "4500");
		assertThat(this.registry.get(CLOSED).tag("code", "4xxx").counter().count()).isEqualTo(998);
	}

	@Test
	void toStringNamesTheListener() {
		assertThat(this.metrics).hasToString("WebSocketSessionMetrics");
	}

	private double closedCount(String code, String clean, String initiator) {
		return this.registry.get(CLOSED).tags("code", code, "clean", clean, "initiator", initiator).counter().count();
	}

	private static List<String> tagKeys(Meter meter) {
		return meter.getId().getTags().stream().map(Tag::getKey).toList();
	}

	private static SessionClose close(String endpoint, CloseCode code, boolean clean, Initiator initiator,
			Duration duration) {
		return new SessionClose("s", code.code(), null, code, clean, initiator, endpoint, null, null, Instant.EPOCH,
				duration, null);
	}

	private record Outcome(boolean clean, Initiator initiator) {
	}

}
