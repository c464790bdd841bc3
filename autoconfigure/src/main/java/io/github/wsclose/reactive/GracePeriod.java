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

package io.github.wsclose.reactive;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.scheduler.Schedulers;

/**
 * How long the close of a reactive session waits for its second end, for the sessions of
 * every decorator that shares it.
 *
 * <p>
 * Nearly every session's second end follows its first within microseconds, so a timer per
 * session would be started and cancelled for nothing. Instead the sessions waiting are
 * kept in a set, and one task on Reactor's {@linkplain Schedulers#parallel() parallel}
 * scheduler looks at them every tenth of the period: a session may wait up to a tenth of
 * the period longer.
 */
final class GracePeriod {

	private static final GracePeriod DEFAULT = new GracePeriod(CloseReportingWebSocketHandler.DEFAULT_GRACE_PERIOD);

	private final Duration period;

	private final Set<SessionCloseWatcher> waiting = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean started = new AtomicBoolean();

	private GracePeriod(Duration period) {
		this.period = period;
	}

	/**
	 * Return the grace period of that length: the one every decorator of the default
	 * length shares, or a new one.
	 */
	static GracePeriod of(Duration period) {
		return period.equals(DEFAULT.period) ? DEFAULT : new GracePeriod(period);
	}

	Duration period() {
		return this.period;
	}

	/**
	 * Start the period of a session whose first end is known.
	 */
	void start(SessionCloseWatcher watcher) {
		this.waiting.add(watcher);
		if (!this.started.get() && this.started.compareAndSet(false, true)) {
			long tick = Math.max(1, this.period.toMillis() / 10);
			Schedulers.parallel().schedulePeriodically(this::expire, tick, tick, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * End the period of a session whose report is scheduled.
	 */
	void end(SessionCloseWatcher watcher) {
		this.waiting.remove(watcher);
	}

	private void expire() {
		long now = System.nanoTime();
		long period = this.period.toNanos();
		for (SessionCloseWatcher watcher : this.waiting) {
			if (now - watcher.firstEndNanos() >= period && this.waiting.remove(watcher)) {
				watcher.gracePeriodOver();
			}
		}
	}

}
