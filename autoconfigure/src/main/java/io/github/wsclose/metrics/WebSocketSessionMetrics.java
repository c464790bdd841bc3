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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.github.wsclose.CloseCategory;
import io.github.wsclose.CloseCode;
import io.github.wsclose.CloseKey;
import io.github.wsclose.OpenedSession;
import io.github.wsclose.SessionClose;
import io.github.wsclose.SessionLifecycleListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

/**
 * Records WebSocket session meters in a {@link MeterRegistry}:
 * <ul>
 * <li>{@value #CLOSED} (counter; tags {@code code}, {@code status}, {@code category},
 * {@code clean}, {@code initiator}, {@code cause}, {@code endpoint})</li>
 * <li>{@value #OPENED} (counter; tag {@code endpoint})</li>
 * <li>{@value #ACTIVE} (gauge of the sessions open now; tag {@code endpoint})</li>
 * <li>{@value #DURATION} (timer of session lifetimes; tags {@code endpoint},
 * {@code category}, {@code clean})</li>
 * </ul>
 *
 * <p>
 * Tag values come only from {@link CloseCode#codeTagValue()},
 * {@link CloseCode#tagValue()}, the category, the initiator, whether the close was clean,
 * the {@link io.github.wsclose.CloseCause cause} and the mapped endpoint pattern, so the
 * number of series is bounded by the application's endpoints and named codes, whatever
 * peers send. Meters are looked up once per series and cached by their tag values, so
 * recording a close allocates nothing once a series exists.
 *
 * @since 0.1.0
 */
public final class WebSocketSessionMetrics implements SessionLifecycleListener {

	/**
	 * Name of the counter of closed sessions.
	 */
	public static final String CLOSED = "websocket.sessions.closed";

	/**
	 * Name of the counter of opened sessions.
	 */
	public static final String OPENED = "websocket.sessions.opened";

	/**
	 * Name of the gauge of open sessions.
	 */
	public static final String ACTIVE = "websocket.sessions.active";

	/**
	 * Name of the timer of session lifetimes.
	 */
	public static final String DURATION = "websocket.sessions.duration";

	/**
	 * The {@code endpoint} tag value of sessions whose endpoint is not known.
	 */
	public static final String UNKNOWN_ENDPOINT = CloseKey.UNKNOWN_ENDPOINT;

	private static final CloseCategory[] CATEGORIES = CloseCategory.values();

	private final MeterRegistry registry;

	private final MeterProvider<Counter> closedCounters;

	private final MeterProvider<Timer> durationTimers;

	private final ConcurrentMap<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();

	/**
	 * Create the meters' recorder.
	 * @param registry the registry to record in
	 */
	public WebSocketSessionMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.closedCounters = Counter.builder(CLOSED)
			.description("WebSocket sessions closed, by close code, cleanliness, initiator, cause and endpoint")
			.baseUnit(BaseUnits.SESSIONS)
			.withRegistry(registry);
		this.durationTimers = Timer.builder(DURATION)
			.description("How long WebSocket sessions lived, by endpoint, close category and cleanliness")
			.withRegistry(registry);
	}

	/**
	 * Register the endpoint's {@value #OPENED} and {@value #ACTIVE} meters at zero, so
	 * that a dashboard shows zero rather than no data before the first session.
	 */
	@Override
	public void endpointMapped(String endpoint) {
		meters(endpoint);
	}

	@Override
	public void sessionOpened(OpenedSession session) {
		EndpointMeters meters = meters(session.endpoint());
		meters.active.incrementAndGet();
		meters.opened.increment();
	}

	@Override
	public void sessionClosed(SessionClose close) {
		EndpointMeters meters = meters(close.endpoint());
		meters.active.decrementAndGet();
		meters.closed(close).increment();
		meters.duration(close).record(close.duration());
	}

	private EndpointMeters meters(@Nullable String endpoint) {
		String tag = CloseKey.endpoint(endpoint);
		EndpointMeters meters = this.endpoints.get(tag);
		return (meters != null) ? meters : this.endpoints.computeIfAbsent(tag, EndpointMeters::new);
	}

	@Override
	public String toString() {
		return "WebSocketSessionMetrics";
	}

	/**
	 * The meters of one endpoint, looked up once each.
	 */
	private final class EndpointMeters {

		private final String endpoint;

		private final AtomicLong active = new AtomicLong();

		private final Counter opened;

		/** Closed counters by code and status, then by outcome and cause slot. */
		private final CloseKey.ByCode<AtomicReferenceArray<@Nullable Counter>> closed = new CloseKey.ByCode<>();

		/** Duration timers by category and clean. */
		private final AtomicReferenceArray<@Nullable Timer> durations = new AtomicReferenceArray<>(
				CATEGORIES.length * 2);

		EndpointMeters(String endpoint) {
			this.endpoint = endpoint;
			WebSocketSessionMetrics outer = WebSocketSessionMetrics.this;
			this.opened = Counter.builder(OPENED)
				.description("WebSocket sessions opened, by endpoint")
				.baseUnit(BaseUnits.SESSIONS)
				.tag("endpoint", endpoint)
				.register(outer.registry);
			Gauge.builder(ACTIVE, this.active, AtomicLong::get)
				.description("WebSocket sessions open now, by endpoint")
				.baseUnit(BaseUnits.SESSIONS)
				.tag("endpoint", endpoint)
				.strongReference(true)
				.register(outer.registry);
		}

		Counter closed(SessionClose close) {
			CloseCode code = close.closeCode();
			AtomicReferenceArray<@Nullable Counter> byOutcome = this.closed.get(code,
					(key) -> new AtomicReferenceArray<>(CloseKey.OUTCOMES * CloseKey.CAUSES));
			int slot = CloseKey.outcome(close.clean(), close.initiator()) * CloseKey.CAUSES
					+ close.closeCause().ordinal();
			Counter counter = byOutcome.get(slot);
			if (counter == null) {
				counter = WebSocketSessionMetrics.this.closedCounters.withTags("code", code.codeTagValue(), "status",
						code.tagValue(), "category", code.category().tagValue(), "clean",
						Boolean.toString(close.clean()), "initiator", close.initiator().tagValue(), "cause",
						close.closeCause().tagValue(), "endpoint", this.endpoint);
				byOutcome.set(slot, counter);
			}
			return counter;
		}

		Timer duration(SessionClose close) {
			CloseCategory category = close.closeCode().category();
			int slot = category.ordinal() * 2 + (close.clean() ? 1 : 0);
			Timer timer = this.durations.get(slot);
			if (timer == null) {
				timer = WebSocketSessionMetrics.this.durationTimers.withTags("endpoint", this.endpoint, "category",
						category.tagValue(), "clean", Boolean.toString(close.clean()));
				this.durations.set(slot, timer);
			}
			return timer;
		}

	}

}
