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

package io.github.wsclose;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;

/**
 * Logs the failures of one {@link SessionLifecycleListener}, so that a listener that
 * throws on every close cannot flood the log: the first failure at {@code WARN} with its
 * stack trace, and after that at most one line per {@linkplain #INTERVAL minute} with the
 * number of failures since the last line.
 *
 * <p>
 * How often a listener fails is up to the peers (one close, one failure), so the log must
 * not grow with it.
 *
 * @since 0.1.0
 */
final class ListenerFailures {

	/**
	 * The shortest time between two lines about the same listener.
	 */
	static final Duration INTERVAL = Duration.ofMinutes(1);

	private final Object listener;

	private final String kind;

	private final String subject;

	private final Log logger;

	private final LongSupplier nanoTime;

	private final AtomicLong unlogged = new AtomicLong();

	private final AtomicLong nextLineNanos;

	private volatile boolean failedBefore;

	ListenerFailures(Object listener, Log logger, LongSupplier nanoTime) {
		this(listener, "session", "session", logger, nanoTime);
	}

	/**
	 * Create the failures of a listener of some kind of WebSocket event.
	 * @param listener the listener
	 * @param kind what it listens to, as in "WebSocket {@code kind} listener"
	 * @param subject what it failed for, as in "failed for {@code subject} "id""
	 * @param logger where to log
	 * @param nanoTime the clock
	 */
	ListenerFailures(Object listener, String kind, String subject, Log logger, LongSupplier nanoTime) {
		this.listener = listener;
		this.kind = kind;
		this.subject = subject;
		this.logger = logger;
		this.nanoTime = nanoTime;
		this.nextLineNanos = new AtomicLong(nanoTime.getAsLong());
	}

	/**
	 * Note a failure of the listener, logging it when it is the first or the interval has
	 * passed since the last line.
	 * @param id what the listener failed for: the session's id, or the endpoint of a
	 * handshake
	 * @param failure what the listener threw
	 */
	void failed(String id, Throwable failure) {
		long failures = this.unlogged.incrementAndGet();
		long now = this.nanoTime.getAsLong();
		long next = this.nextLineNanos.get();
		if (this.failedBefore && now - next < 0) {
			return;
		}
		if (!this.nextLineNanos.compareAndSet(next, now + INTERVAL.toNanos())) {
			return;
		}
		this.unlogged.addAndGet(-failures);
		if (!this.failedBefore) {
			this.failedBefore = true;
			this.logger.warn("WebSocket " + this.kind + " listener " + this.listener + " failed for " + this.subject
					+ " " + LogSafe.quote(id) + "; further failures are logged at most once a minute", failure);
		}
		else {
			this.logger.warn("WebSocket " + this.kind + " listener " + this.listener + " failed " + failures
					+ " time(s) in the last minute or more, last for " + this.subject + " " + LogSafe.quote(id) + ": "
					+ LogSafe.quote(failure.getClass().getName()
							+ ((failure.getMessage() != null) ? ": " + failure.getMessage() : "")));
		}
	}

}
