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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenSessionsCloser}.
 */
class OpenSessionsCloserTests {

	private final RecordingListener listener = new RecordingListener();

	private final CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(this.listener));

	@Test
	void closeAllClosesEachOpenSessionAndWaitsForItsReport() {
		TrackedSession one = this.reporter.opened("s1", "/chat", null, null);
		TrackedSession two = this.reporter.opened("s2", "/chat", null, null);
		TrackedSession closedBefore = this.reporter.opened("s3", "/chat", null, null);
		this.reporter.closed(closedBefore, 1000, null);
		// the closers run on two threads at once
		List<String> closedByCloser = new CopyOnWriteArrayList<>();
		one.closeOnShutdownWith(() -> {
			closedByCloser.add("s1");
			this.reporter.closed(one, 1001, null);
		});
		two.closeOnShutdownWith(() -> {
			closedByCloser.add("s2");
			new Thread(() -> this.reporter.closed(two, 1001, "going")).start();
		});
		assertThat(this.reporter.getOpenSessionCount()).isEqualTo(2);
		assertThat(new OpenSessionsCloser(this.reporter).closeAll(Duration.ofSeconds(5)))
			.as("sessions reported at the deadline; closed by the closers %s, reported %s", closedByCloser,
					this.listener.closed)
			.isZero();
		assertThat(closedByCloser).containsExactlyInAnyOrder("s1", "s2");
		assertThat(this.reporter.getOpenSessionCount()).isZero();
		assertThat(this.listener.closed).hasSize(3)
			.filteredOn((close) -> !close.sessionId().equals("s3"))
			.allSatisfy((close) -> {
				assertThat(close.code()).isEqualTo(1001);
				assertThat(close.clean()).isTrue();
				assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
			});
	}

	@Test
	void sessionNotReportedWithinTheShutdownTimeoutIsReportedAsAbnormalClosureByTheServer() {
		TrackedSession silent = this.reporter.opened("s1", "/chat", null, null);
		silent.closeOnShutdownWith(() -> {
		});
		this.reporter.opened("s2", "/chat", null, null);
		assertThat(new OpenSessionsCloser(this.reporter).closeAll(Duration.ofMillis(50))).isEqualTo(2);
		assertThat(this.listener.closed).hasSize(2).allSatisfy((close) -> {
			assertThat(close.code()).isEqualTo(1006);
			assertThat(close.clean()).isFalse();
			assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
		});
		assertThat(this.reporter.closed(silent, 1001, null)).isNull();
	}

	@Test
	void closerThatThrowsLeavesItsSessionToTheTimeout() {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		session.closeOnShutdownWith(() -> {
			throw new IllegalStateException("already closed");
		});
		assertThat(new OpenSessionsCloser(this.reporter).closeAll(Duration.ofMillis(50))).isOne();
		assertThat(this.listener.closed).singleElement().extracting(SessionClose::code).isEqualTo(1006);
	}

	@Test
	void closeAllReturnsOnceTheLastSessionIsReportedNotAtTheTimeout() {
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		session.closeOnShutdownWith(() -> new Thread(() -> {
			sleep(100);
			this.reporter.closed(session, 1001, null);
		}).start());
		long started = System.nanoTime();
		assertThat(new OpenSessionsCloser(this.reporter).closeAll(Duration.ofSeconds(60))).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
		assertThat(this.listener.closed).singleElement().extracting(SessionClose::code).isEqualTo(1001);
	}

	@Test
	void sessionReportedBeforeTheCloserReachesItIsNotWaitedFor() {
		TrackedSession first = this.reporter.opened("s1", "/chat", null, null);
		TrackedSession second = this.reporter.opened("s2", "/chat", null, null);
		// closing the first reports the second too, before the closer gets to it
		first.closeOnShutdownWith(() -> {
			this.reporter.closed(first, 1001, null);
			this.reporter.closed(second, 1001, null);
		});
		second.closeOnShutdownWith(() -> {
			throw new AssertionError("second is already reported");
		});
		long started = System.nanoTime();
		assertThat(new OpenSessionsCloser(this.reporter).closeAll(Duration.ofSeconds(60))).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
		assertThat(this.listener.closed).extracting(SessionClose::sessionId).containsExactlyInAnyOrder("s1", "s2");
	}

	@Test
	void latchIsCountedDownOnceWhenTheSessionIsReportedAsTheCloserRegistersIt() throws InterruptedException {
		for (int i = 0; i < 200; i++) {
			TrackedSession session = this.reporter.opened("s" + i, "/chat", null, null);
			CountDownLatch latch = new CountDownLatch(2);
			Thread reporting = new Thread(() -> this.reporter.closed(session, 1000, null));
			reporting.start();
			session.countDownWhenReported(latch);
			reporting.join();
			assertThat(latch.await(0, TimeUnit.MILLISECONDS)).isFalse();
			assertThat(latch.getCount()).isOne();
		}
	}

	@Test
	void shutdownMarksLaterClosesAsTheServers() {
		new OpenSessionsCloser(this.reporter).closeAll(Duration.ZERO);
		TrackedSession late = this.reporter.opened("late", "/chat", null, null);
		assertThat(this.reporter.closed(late, 1000, null).initiator()).isEqualTo(Initiator.SERVER);
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
