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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;

import io.github.wsclose.HandshakeListener;
import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.HandshakeResult;
import io.github.wsclose.LogSafe;
import io.github.wsclose.PeerText;
import io.github.wsclose.actuate.HandshakeReport.EndpointHandshakes;
import io.github.wsclose.actuate.HandshakeReport.RejectedHandshake;
import org.jspecify.annotations.Nullable;

/**
 * A {@link HandshakeListener} that keeps what the {@code websocketcloses} endpoint
 * reports of handshakes: the count of every outcome per endpoint, and a bounded ring of
 * the most recent rejected handshakes.
 *
 * <p>
 * What it keeps is bounded whatever the clients send: one counter per endpoint and
 * outcome, and a fixed number of rejected handshakes whose origin and URI are escaped and
 * cut ({@link LogSafe}, {@link PeerText}).
 *
 * @since 0.1.0
 */
public final class HandshakeReportRecorder implements HandshakeListener {

	/**
	 * How many rejected handshakes are kept by default.
	 */
	public static final int DEFAULT_RECENT_REJECTED_SIZE = 20;

	private static final HandshakeOutcome[] OUTCOMES = HandshakeOutcome.values();

	private final ConcurrentMap<String, AtomicLongArray> endpoints = new ConcurrentHashMap<>();

	private final RecentRing<RejectedHandshake> recentRejected;

	/**
	 * Create a recorder.
	 * @param recentRejectedSize how many of the most recent rejected handshakes to keep
	 * @throws IllegalArgumentException if the size is not positive
	 */
	public HandshakeReportRecorder(int recentRejectedSize) {
		this.recentRejected = new RecentRing<>(recentRejectedSize);
	}

	@Override
	public void endpointMapped(String endpoint) {
		counts(endpoint);
	}

	@Override
	public void handshake(HandshakeResult handshake) {
		counts(handshake.endpoint()).incrementAndGet(handshake.outcome().ordinal());
		if (handshake.outcome().isRejected()) {
			this.recentRejected.add(new RejectedHandshake(handshake.time(), handshake.endpoint(),
					handshake.outcome().tagValue(), handshake.status(), escaped(handshake.origin()),
					escaped((handshake.uri() != null) ? handshake.uri().toString() : null),
					escaped(PeerText.describe(handshake.error()))));
		}
	}

	private AtomicLongArray counts(String endpoint) {
		AtomicLongArray counts = this.endpoints.get(endpoint);
		return (counts != null) ? counts
				: this.endpoints.computeIfAbsent(endpoint, (key) -> new AtomicLongArray(OUTCOMES.length));
	}

	private static @Nullable String escaped(@Nullable String text) {
		return (text != null) ? LogSafe.escape(text, PeerText.MAX_LENGTH) : null;
	}

	/**
	 * Return the handshake report as it is now.
	 * @return the report
	 */
	public HandshakeReport report() {
		Map<String, EndpointHandshakes> endpoints = new TreeMap<>();
		this.endpoints.forEach((endpoint, counts) -> {
			Map<String, Long> outcomes = new LinkedHashMap<>();
			long handshakes = 0;
			for (HandshakeOutcome outcome : OUTCOMES) {
				long count = counts.get(outcome.ordinal());
				outcomes.put(outcome.tagValue(), count);
				handshakes += count;
			}
			long rejected = handshakes - counts.get(HandshakeOutcome.ACCEPTED.ordinal());
			endpoints.put(endpoint, new EndpointHandshakes(handshakes, rejected, outcomes));
		});
		return new HandshakeReport(endpoints, this.recentRejected.newestFirst());
	}

	/**
	 * Return how many rejected handshakes are kept.
	 * @return the size of the ring of recent rejected handshakes
	 */
	public int getRecentRejectedSize() {
		return this.recentRejected.capacity();
	}

	@Override
	public String toString() {
		return "HandshakeReportRecorder[recentRejectedSize=" + getRecentRejectedSize() + "]";
	}

}
