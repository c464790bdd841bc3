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
 * How long the close of a reactive session waits for its second end, shared by the
 * sessions of every decorator with the same period.
 *
 * <p>
 * Nearly every second end follows its first within microseconds, so a timer per session
 * would be started and cancelled for nothing. The sessions waiting are kept in a set
 * instead, which one task on Reactor's {@linkplain Schedulers#parallel() parallel}
 * scheduler looks at every tenth of the period: a session may wait a tenth longer.
 */
final class GracePeriod {

	private static final GracePeriod DEFAULT = new GracePeriod(CloseReportingWebSocketHandler.DEFAULT_GRACE_PERIOD);

	private final Duration period;

	private final Set<SessionCloseWatcher> waiting = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean started = new AtomicBoolean();

	private GracePeriod(Duration period) {
		this.period = period;
	}

	static GracePeriod of(Duration period) {
		return period.equals(DEFAULT.period) ? DEFAULT : new GracePeriod(period);
	}

	Duration period() {
		return this.period;
	}

	void start(SessionCloseWatcher watcher) {
		this.waiting.add(watcher);
		if (!this.started.get() && this.started.compareAndSet(false, true)) {
			long tick = Math.max(1, this.period.toMillis() / 10);
			Schedulers.parallel().schedulePeriodically(this::expire, tick, tick, TimeUnit.MILLISECONDS);
		}
	}

	void end(SessionCloseWatcher watcher) {
		this.waiting.remove(watcher);
	}

	private void expire() {
		long now = System.nanoTime();
		long period = this.period.toNanos();
		for (SessionCloseWatcher watcher : this.waiting) {
			if (now - watcher.firstEndNanos() >= period && this.waiting.remove(watcher)) {
				watcher.scheduleReport();
			}
		}
	}

}
