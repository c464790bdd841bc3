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

package io.github.wsclose.conformance;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A {@link SimpleMeterRegistry} that notices counts recorded after it was closed, the way
 * a registry that publishes on close (Prometheus push, OTLP, StatsD) would lose them, and
 * remembers how many closes it had counted when it was closed.
 */
final class ShutdownCheckingMeterRegistry extends SimpleMeterRegistry {

	private final AtomicInteger countsAfterClose = new AtomicInteger();

	private volatile double closedSessionsAtClose = -1;

	@Override
	protected Counter newCounter(Meter.Id id) {
		return new CumulativeCounter(id) {

			@Override
			public void increment(double amount) {
				if (isClosed()) {
					ShutdownCheckingMeterRegistry.this.countsAfterClose.incrementAndGet();
				}
				super.increment(amount);
			}

		};
	}

	@Override
	public void close() {
		if (!isClosed()) {
			this.closedSessionsAtClose = closedSessions();
		}
		super.close();
	}

	/**
	 * Return the sum of {@code websocket.sessions.closed} over all its series.
	 * @return the number of closes counted
	 */
	double closedSessions() {
		return find(WebSocketSessionMetrics.CLOSED).counters().stream().mapToDouble(Counter::count).sum();
	}

	/**
	 * Return the sum of {@code websocket.sessions.closed} when the registry was closed.
	 * @return the number of closes counted then, or -1 if it is not closed
	 */
	double closedSessionsAtClose() {
		return this.closedSessionsAtClose;
	}

	/**
	 * Return how many times a counter was incremented after the registry was closed.
	 * @return the number of late counts
	 */
	int countsAfterClose() {
		return this.countsAfterClose.get();
	}

	@Override
	public String toString() {
		return "ShutdownCheckingMeterRegistry";
	}

}
