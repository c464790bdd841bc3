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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReportBatches}.
 */
class ReportBatchesTests {

	private final ReportBatches batches = new ReportBatches();

	private final List<String> reported = new CopyOnWriteArrayList<>();

	private final List<String> threads = new CopyOnWriteArrayList<>();

	@Test
	void closesThatComeTogetherAreReportedInTheirOrderOnTheBoundedElasticScheduler() {
		for (int i = 1; i <= 5; i++) {
			String name = "close-" + i;
			this.batches.submit(() -> record(name));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.reported.size() == 5);
		assertThat(this.reported).containsExactly("close-1", "close-2", "close-3", "close-4", "close-5");
		assertThat(this.threads).isNotEmpty().allSatisfy((thread) -> assertThat(thread).startsWith("boundedElastic-"));
	}

	@Test
	void closesBeyondAFullBatchStartTheNextAndNoneIsLost() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < ReportBatches.MAX_SIZE * 2 + 1; i++) {
			String name = "close-" + i;
			names.add(name);
			this.batches.submit(() -> record(name));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.reported.size() == names.size());
		assertThat(this.reported).containsExactlyInAnyOrderElementsOf(names);
	}

	@Test
	void aReportThatFailsDoesNotStopTheOthersOfItsBatch() {
		this.batches.submit(() -> record("before"));
		this.batches.submit(() -> {
			throw new IllegalStateException("listener failed");
		});
		this.batches.submit(() -> record("after"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.reported.size() == 2);
		assertThat(this.reported).containsExactly("before", "after");
	}

	@Test
	void theRestOfASlowBatchRunsConcurrentlySoThatABlockingListenerHoldsUpNoOtherClose() throws Exception {
		int others = 4;
		CountDownLatch allStarted = new CountDownLatch(others);
		List<Boolean> sawEveryOther = new CopyOnWriteArrayList<>();
		this.batches.submit(() -> sleep(ReportBatches.SLOW.toMillis() * 5));
		for (int i = 0; i < others; i++) {
			this.batches.submit(() -> {
				// each blocks until all the others have started: in one task, none would
				allStarted.countDown();
				sawEveryOther.add(awaitLatch(allStarted));
			});
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> sawEveryOther.size() == others);
		assertThat(sawEveryOther).containsOnly(true);
	}

	private void record(String name) {
		this.reported.add(name);
		String thread = Thread.currentThread().getName();
		if (!this.threads.contains(thread)) {
			this.threads.add(thread);
		}
	}

	private static boolean awaitLatch(CountDownLatch latch) {
		try {
			return latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
