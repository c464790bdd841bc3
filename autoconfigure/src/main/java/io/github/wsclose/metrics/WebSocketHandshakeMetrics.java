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

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.wsclose.HandshakeListener;
import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.HandshakeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A {@link HandshakeListener} that counts WebSocket handshakes in a {@value #HANDSHAKES}
 * counter, tagged with the {@code endpoint} and the {@code outcome}.
 *
 * <p>
 * Both tags are bounded: the endpoint is the mapped pattern or {@code unknown}, the
 * outcome one of the {@link HandshakeOutcome} tag values. Every outcome of every mapped
 * endpoint exists at zero from startup, so that a dashboard or an alert on the rate of
 * rejected handshakes shows zero rather than no data.
 *
 * @since 0.1.0
 */
public final class WebSocketHandshakeMetrics implements HandshakeListener {

	/**
	 * Name of the counter of handshakes.
	 */
	public static final String HANDSHAKES = "websocket.handshakes";

	/**
	 * The base unit of the counter.
	 */
	public static final String BASE_UNIT = "handshakes";

	private static final HandshakeOutcome[] OUTCOMES = HandshakeOutcome.values();

	private final MeterProvider<Counter> counters;

	private final ConcurrentMap<String, Counter[]> endpoints = new ConcurrentHashMap<>();

	/**
	 * Create the counter's recorder.
	 * @param registry the registry to record in
	 */
	public WebSocketHandshakeMetrics(MeterRegistry registry) {
		this.counters = Counter.builder(HANDSHAKES)
			.description("WebSocket handshakes, by endpoint and outcome")
			.baseUnit(BASE_UNIT)
			.withRegistry(registry);
	}

	@Override
	public void endpointMapped(String endpoint) {
		counters(endpoint);
	}

	@Override
	public void handshake(HandshakeResult handshake) {
		counters(handshake.endpoint())[handshake.outcome().ordinal()].increment();
	}

	private Counter[] counters(String endpoint) {
		Counter[] counters = this.endpoints.get(endpoint);
		return (counters != null) ? counters : this.endpoints.computeIfAbsent(endpoint, this::register);
	}

	private Counter[] register(String endpoint) {
		Counter[] counters = new Counter[OUTCOMES.length];
		for (HandshakeOutcome outcome : OUTCOMES) {
			counters[outcome.ordinal()] = this.counters.withTags("endpoint", endpoint, "outcome", outcome.tagValue());
		}
		return counters;
	}

	@Override
	public String toString() {
		return "WebSocketHandshakeMetrics";
	}

}
