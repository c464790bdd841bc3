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

import java.util.List;

import io.github.wsclose.HandshakeListener;
import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.HandshakeReporter;
import io.github.wsclose.HandshakeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketHandshakeMetrics}, fed through a {@link HandshakeReporter}.
 */
class WebSocketHandshakeMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void everyOutcomeOfAMappedEndpointExistsAtZero() {
		reporter().endpointMapped("/chat");
		assertThat(this.registry.find(WebSocketHandshakeMetrics.HANDSHAKES).counters()).hasSize(5)
			.allSatisfy((counter) -> {
				assertThat(counter.count()).isZero();
				assertThat(counter.getId().getTag("endpoint")).isEqualTo("/chat");
				assertThat(counter.getId().getBaseUnit()).isEqualTo("handshakes");
			})
			.extracting((counter) -> counter.getId().getTag("outcome"))
			.containsExactlyInAnyOrder("accepted", "origin_rejected", "interceptor_rejected", "bad_request", "failed");
	}

	@Test
	void countsHandshakesByEndpointAndOutcomeWithUnknownEndpoint() {
		HandshakeReporter reporter = reporter();
		reporter.report("/chat", HandshakeOutcome.ACCEPTED, 101, null, null, null, null);
		reporter.report("/chat", HandshakeOutcome.ORIGIN_REJECTED, 403, null, "https://evil.example", null, null);
		reporter.report("/chat", HandshakeOutcome.ORIGIN_REJECTED, 403, null, "https://other.example", null, null);
		reporter.report(null, HandshakeOutcome.FAILED, 500, null, null, null, new IllegalStateException());

		assertThat(count("/chat", "accepted")).isOne();
		assertThat(count("/chat", "origin_rejected")).isEqualTo(2);
		assertThat(count("unknown", "failed")).isOne();
		assertThat(this.registry.find(WebSocketHandshakeMetrics.HANDSHAKES).counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTags()).hasSize(2));
	}

	@Test
	void aListenerThatThrowsChangesNoCountAndReachesNoCaller() {
		HandshakeListener throwing = (handshake) -> {
			throw new IllegalStateException("listener");
		};
		HandshakeReporter reporter = new HandshakeReporter(
				List.of(throwing, new WebSocketHandshakeMetrics(this.registry)));
		HandshakeResult result = reporter.report("/chat", HandshakeOutcome.BAD_REQUEST, 400, null, null, null, null);
		assertThat(result.endpoint()).isEqualTo("/chat");
		assertThat(count("/chat", "bad_request")).isOne();
	}

	private HandshakeReporter reporter() {
		return new HandshakeReporter(List.of(new WebSocketHandshakeMetrics(this.registry)));
	}

	private double count(String endpoint, String outcome) {
		Counter counter = this.registry.find(WebSocketHandshakeMetrics.HANDSHAKES)
			.tag("endpoint", endpoint)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : -1;
	}

}
