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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The grace-period timers of one {@link CloseReportingWebSocketHandler}'s sessions, run
 * by one scheduler task at a time.
 *
 * <p>
 * Nearly every session starts a timer when the first of its two ends is known, and
 * cancels it a moment later when the second follows. A scheduler task per timer would
 * wake a scheduler thread per session; here the timers wait in a queue and one task,
 * scheduled when the queue has timers and none is pending, runs those that are due. All
 * timers have the same delay, so they fall due in the order they were started. A timer
 * runs at most a tenth of the grace period late; a cancelled one only waits in the queue,
 * without its task, until it would have been due.
 *
 * @since 0.1.0
 */
final class GracePeriodTimers {

	private final Duration gracePeriod;

	private final long delayNanos;

	private final long resolutionNanos;

	private final Scheduler scheduler;

	private final Queue<Timer> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean ticking = new AtomicBoolean();

	GracePeriodTimers(Duration gracePeriod, Scheduler scheduler) {
		this.gracePeriod = gracePeriod;
		this.delayNanos = gracePeriod.toNanos();
		this.resolutionNanos = Math.max(this.delayNanos / 10, 1);
		this.scheduler = scheduler;
	}

	/**
	 * Return how long a timer waits.
	 * @return the grace period
	 */
	Duration gracePeriod() {
		return this.gracePeriod;
	}

	/**
	 * Run a task once the grace period has passed, or now if the scheduler no longer
	 * takes tasks.
	 * @param task the task
	 * @return the timer, to cancel the task with
	 */
	Disposable start(Runnable task) {
		Timer timer = new Timer(task, System.nanoTime() + this.delayNanos);
		this.queue.add(timer);
		if (this.ticking.compareAndSet(false, true)) {
			scheduleTick(this.delayNanos);
		}
		return timer;
	}

	private void scheduleTick(long delayNanos) {
		try {
			this.scheduler.schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			runAll();
		}
	}

	/**
	 * Run the timers that are due, then schedule the next tick for the first one left, no
	 * sooner than the resolution from now.
	 */
	private void tick() {
		long now = System.nanoTime();
		try {
			Timer head = this.queue.peek();
			while (head != null && head.deadline - now <= 0) {
				this.queue.poll();
				head.run();
				head = this.queue.peek();
			}
		}
		finally {
			this.ticking.set(false);
			Timer head = this.queue.peek();
			if (head != null && this.ticking.compareAndSet(false, true)) {
				scheduleTick(Math.max(head.deadline - now, this.resolutionNanos));
			}
		}
	}

	/**
	 * Run every timer now: the scheduler is shutting down.
	 */
	private void runAll() {
		Timer timer;
		while ((timer = this.queue.poll()) != null) {
			timer.run();
		}
		this.ticking.set(false);
	}

	/**
	 * One timer: its task until it runs or is cancelled.
	 */
	private static final class Timer implements Disposable {

		private final long deadline;

		private volatile @Nullable Runnable task;

		Timer(Runnable task, long deadline) {
			this.task = task;
			this.deadline = deadline;
		}

		void run() {
			Runnable task = this.task;
			if (task != null) {
				this.task = null;
				task.run();
			}
		}

		@Override
		public void dispose() {
			this.task = null;
		}

		@Override
		public boolean isDisposed() {
			return this.task == null;
		}

	}

}
