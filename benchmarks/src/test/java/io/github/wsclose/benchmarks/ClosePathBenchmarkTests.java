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

package io.github.wsclose.benchmarks;

import java.util.List;

import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.benchmarks.ClosePathBenchmark.Handlers;
import io.github.wsclose.benchmarks.ClosePathBenchmark.OpenSessions;
import io.github.wsclose.benchmarks.ClosePathBenchmark.Variant;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.infra.Blackhole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each close-path benchmark once per variant and checks what it did: a close counted
 * and published where the variant says so, and nothing for the baseline. Speed is not
 * tested here.
 */
class ClosePathBenchmarkTests {

	static final Blackhole BLACKHOLE = new Blackhole(
			"Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

	private final ClosePathBenchmark benchmark = new ClosePathBenchmark();

	private final Handlers handlers = new Handlers();

	@AfterEach
	void tearDown() {
		this.handlers.tearDown();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void openAndCloseReportsOneNormalClientClose(Variant variant) throws Exception {
		setUp(variant);
		this.benchmark.openAndClose(this.handlers);
		assertNormalClientCloses(variant, 1);
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void closeReportsEverySessionOfTheBatch(Variant variant) throws Exception {
		setUp(variant);
		OpenSessions open = new OpenSessions();
		open.attach(this.handlers);
		open.open();
		if (hasMetrics(variant)) {
			assertThat(this.handlers.registry().get("websocket.sessions.active").gauge().value())
				.isEqualTo(ClosePathBenchmark.CLOSES_PER_BATCH);
		}
		this.benchmark.close(open);
		assertNormalClientCloses(variant, ClosePathBenchmark.CLOSES_PER_BATCH);
		if (hasMetrics(variant)) {
			assertThat(this.handlers.registry().get("websocket.sessions.active").gauge().value()).isZero();
		}
	}

	private void setUp(Variant variant) {
		this.handlers.variant = variant;
		this.handlers.setUp(BLACKHOLE);
	}

	private static boolean hasMetrics(Variant variant) {
		return variant == Variant.METRICS || variant == Variant.METRICS_AND_EVENTS;
	}

	private void assertNormalClientCloses(Variant variant, int closes) {
		boolean events = variant == Variant.EVENTS || variant == Variant.METRICS_AND_EVENTS;
		Counter closed = this.handlers.registry()
			.find("websocket.sessions.closed")
			.tags("code", "1000", "status", "normal_closure", "clean", "true", "initiator", "client", "endpoint",
					"/echo")
			.counter();
		if (hasMetrics(variant)) {
			assertThat(closed).isNotNull().extracting(Counter::count).isEqualTo((double) closes);
		}
		else {
			assertThat(this.handlers.registry().getMeters()).isEmpty();
		}
		List<WebSocketSessionClosedEvent> received = this.handlers.events();
		assertThat(this.handlers.eventCount()).isEqualTo(events ? closes : 0);
		assertThat(received).hasSize(events ? Math.min(closes, 10) : 0);
		if (events) {
			WebSocketSessionClosedEvent event = received.get(0);
			assertThat(event.getCode()).isEqualTo(1000);
			assertThat(event.isClean()).isTrue();
			assertThat(event.getInitiator()).isEqualTo(Initiator.CLIENT);
			assertThat(event.getEndpoint()).isEqualTo("/echo");
		}
	}

}
