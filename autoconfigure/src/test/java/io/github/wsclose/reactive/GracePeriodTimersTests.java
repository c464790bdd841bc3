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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GracePeriodTimers}.
 */
class GracePeriodTimersTests {

	private static final Duration GRACE_PERIOD = Duration.ofMillis(100);

	private final Scheduler scheduler = Schedulers.newSingle("grace-period-timers-test");

	@AfterEach
	void disposeScheduler() {
		this.scheduler.dispose();
	}

	@Test
	void timerRunsItsTaskOnceTheGracePeriodHasPassed() throws InterruptedException {
		GracePeriodTimers timers = new GracePeriodTimers(GRACE_PERIOD, this.scheduler);
		CountDownLatch ran = new CountDownLatch(1);
		long start = System.nanoTime();
		timers.start(ran::countDown);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(GRACE_PERIOD);
	}

	@Test
	void cancelledTimerDoesNotRunItsTask() throws InterruptedException {
		GracePeriodTimers timers = new GracePeriodTimers(GRACE_PERIOD, this.scheduler);
		AtomicInteger cancelledRuns = new AtomicInteger();
		CountDownLatch later = new CountDownLatch(1);
		Disposable cancelled = timers.start(cancelledRuns::incrementAndGet);
		cancelled.dispose();
		timers.start(later::countDown);
		assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(cancelled.isDisposed()).isTrue();
		assertThat(cancelledRuns).hasValue(0);
	}

	@Test
	void timersRunInTheOrderTheyWereStartedIncludingThoseStartedAfterATick() throws InterruptedException {
		GracePeriodTimers timers = new GracePeriodTimers(GRACE_PERIOD, this.scheduler);
		List<Integer> order = new CopyOnWriteArrayList<>();
		CountDownLatch all = new CountDownLatch(3);
		timers.start(() -> record(order, 1, all));
		timers.start(() -> record(order, 2, all));
		Thread.sleep(GRACE_PERIOD.toMillis() / 2);
		timers.start(() -> record(order, 3, all));
		assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(order).containsExactly(1, 2, 3);
	}

	@Test
	void timerRunsAtOnceWhenTheSchedulerNoLongerTakesTasks() {
		GracePeriodTimers timers = new GracePeriodTimers(GRACE_PERIOD, this.scheduler);
		this.scheduler.dispose();
		AtomicInteger runs = new AtomicInteger();
		timers.start(runs::incrementAndGet);
		assertThat(runs).hasValue(1);
	}

	private static void record(List<Integer> order, int timer, CountDownLatch all) {
		order.add(timer);
		all.countDown();
	}

}
