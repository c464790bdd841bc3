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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenSessions}.
 */
class OpenSessionsTests {

	private final OpenSessions sessions = new OpenSessions();

	@Test
	void sessionsAreHeldFromAddUntilRemove() {
		List<TrackedSession> added = sessions(50);
		added.forEach(this.sessions::add);
		assertThat(this.sessions.size()).isEqualTo(50);
		assertThat(this.sessions.snapshot()).containsExactlyInAnyOrderElementsOf(added);
		List<TrackedSession> removed = new ArrayList<>();
		for (int i = 0; i < added.size(); i += 3) {
			removed.add(added.get(i));
			this.sessions.remove(added.get(i));
		}
		List<TrackedSession> left = new ArrayList<>(added);
		left.removeAll(removed);
		assertThat(this.sessions.size()).isEqualTo(left.size());
		assertThat(this.sessions.snapshot()).containsExactlyInAnyOrderElementsOf(left);
		left.forEach(this.sessions::remove);
		assertThat(this.sessions.size()).isZero();
		assertThat(this.sessions.snapshot()).isEmpty();
	}

	@Test
	void firstMiddleAndLastSessionsOfAListAreRemoved() {
		List<TrackedSession> sameList = List.of(session("a"), session("a"), session("a"));
		sameList.forEach(this.sessions::add);
		this.sessions.remove(sameList.get(1));
		assertThat(this.sessions.snapshot()).containsExactlyInAnyOrder(sameList.get(0), sameList.get(2));
		this.sessions.remove(sameList.get(2));
		assertThat(this.sessions.snapshot()).containsExactly(sameList.get(0));
		this.sessions.remove(sameList.get(0));
		assertThat(this.sessions.snapshot()).isEmpty();
		assertThat(this.sessions.size()).isZero();
	}

	@Test
	void removingASessionTwiceOrOneNeverAddedChangesNothing() {
		TrackedSession one = session("one");
		TrackedSession two = session("two");
		this.sessions.add(one);
		this.sessions.add(two);
		this.sessions.remove(one);
		this.sessions.remove(one);
		this.sessions.remove(session("three"));
		assertThat(this.sessions.snapshot()).containsExactly(two);
		assertThat(this.sessions.size()).isOne();
	}

	@Test
	void sessionsAddedAndRemovedOnManyThreadsAreAllAccountedFor() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<TrackedSession>>> kept = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				kept.add(executor.submit(() -> {
					List<TrackedSession> keep = new ArrayList<>();
					for (int i = 0; i < 2000; i++) {
						TrackedSession session = session(thread + "-" + i);
						this.sessions.add(session);
						if (i % 4 == 0) {
							keep.add(session);
						}
						else {
							this.sessions.remove(session);
						}
					}
					return keep;
				}));
			}
			List<TrackedSession> expected = new ArrayList<>();
			for (Future<List<TrackedSession>> future : kept) {
				expected.addAll(future.get());
			}
			assertThat(this.sessions.size()).isEqualTo(8 * 500);
			assertThat(this.sessions.snapshot()).containsExactlyInAnyOrderElementsOf(expected);
		}
		finally {
			executor.shutdownNow();
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	private static List<TrackedSession> sessions(int count) {
		return IntStream.range(0, count).mapToObj((i) -> session("s" + i)).toList();
	}

	private static TrackedSession session(String id) {
		return new TrackedSession(id, "/chat", null, null, Instant.EPOCH, 0);
	}

}
