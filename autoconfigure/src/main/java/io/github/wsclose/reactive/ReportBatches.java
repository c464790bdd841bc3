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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.wsclose.LogSafe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * Hands the closes of reactive sessions to Reactor's bounded-elastic scheduler in small
 * batches, so that listeners never run on a server's event loop and no close pays for
 * waking a thread of its own.
 *
 * <p>
 * A task per close woke a worker per session, which cost more server CPU than the rest of
 * the starter (see {@code docs/performance.md}). Here one task reports, in order, the
 * closes that come within {@link #DELAY} of the first, up to {@link #MAX_SIZE}. Should a
 * batch take longer than {@link #SLOW} (a listener blocks), the rest of it is handed out
 * a task per close, so that a blocking listener holds up no other close for longer.
 */
final class ReportBatches {

	static final Duration DELAY = Duration.ofMillis(5);

	static final int MAX_SIZE = 64;

	/**
	 * Wall time, on a busy server where the worker may lose its core for milliseconds: 2
	 * ms handed out most batches there.
	 */
	static final Duration SLOW = Duration.ofMillis(20);

	static final ReportBatches SHARED = new ReportBatches();

	private static final Log logger = LogFactory.getLog(ReportBatches.class);

	private final Object lock = new Object();

	private @Nullable List<Runnable> collecting;

	void submit(Runnable report) {
		List<Runnable> started = null;
		synchronized (this.lock) {
			if (this.collecting == null || this.collecting.size() >= MAX_SIZE) {
				this.collecting = started = new ArrayList<>();
			}
			this.collecting.add(report);
		}
		if (started != null) {
			List<Runnable> batch = started;
			schedule(() -> run(batch), DELAY);
		}
	}

	/**
	 * Run a task on the bounded-elastic scheduler after a delay, or at once on this
	 * thread should the scheduler refuse it (disposed, or full): a close is never lost,
	 * and no exception reaches the server.
	 */
	static void schedule(Runnable task, Duration delay) {
		try {
			Schedulers.boundedElastic().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			task.run();
		}
	}

	private void run(List<Runnable> batch) {
		synchronized (this.lock) {
			if (this.collecting == batch) {
				this.collecting = null;
			}
		}
		long started = System.nanoTime();
		for (int i = 0; i < batch.size(); i++) {
			if (System.nanoTime() - started > SLOW.toNanos()) {
				batch.subList(i, batch.size()).forEach((report) -> schedule(() -> reportSafely(report), Duration.ZERO));
				return;
			}
			reportSafely(batch.get(i));
		}
	}

	private static void reportSafely(Runnable report) {
		try {
			report.run();
		}
		catch (RuntimeException ex) {
			// the others of the batch are still reported
			logger.warn("Reporting a WebSocket close failed: " + LogSafe.quote(String.valueOf(ex)));
		}
	}

}
