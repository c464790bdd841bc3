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

package io.github.wsclose.actuate;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed ring of the most recent idle times, in nanoseconds, and their median: bounded
 * memory whatever the number of closes, and no allocation to record one.
 */
final class IdleTimes {

	private final AtomicLong written = new AtomicLong();

	private final AtomicLongArray nanos;

	IdleTimes(int capacity) {
		this.nanos = new AtomicLongArray(capacity);
	}

	void add(Duration idleTime) {
		long sequence = this.written.getAndIncrement();
		this.nanos.set((int) (sequence % this.nanos.length()), idleTime.toNanos());
	}

	/**
	 * Return the median of the idle times kept: the middle one, or the mean of the two
	 * middle ones.
	 * @return the median, or zero when none was recorded
	 */
	Duration median() {
		int size = (int) Math.min(this.written.get(), this.nanos.length());
		if (size == 0) {
			return Duration.ZERO;
		}
		long[] sorted = new long[size];
		for (int i = 0; i < size; i++) {
			sorted[i] = this.nanos.get(i);
		}
		Arrays.sort(sorted);
		int middle = size / 2;
		long median = ((size % 2) != 0) ? sorted[middle]
				: sorted[middle - 1] + (sorted[middle] - sorted[middle - 1]) / 2;
		return Duration.ofNanos(median);
	}

}
