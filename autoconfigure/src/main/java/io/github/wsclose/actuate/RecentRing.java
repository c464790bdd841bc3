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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-size ring of the most recent items, safe for many writers and readers without
 * locks: adding is O(1) and never allocates more than the item's holder.
 *
 * @param <T> the type of the items
 */
final class RecentRing<T> {

	private final AtomicLong written = new AtomicLong();

	private final AtomicReferenceArray<Slot<T>> slots;

	RecentRing(int capacity) {
		if (capacity <= 0) {
			throw new IllegalArgumentException("Capacity must be positive, was " + capacity);
		}
		this.slots = new AtomicReferenceArray<>(capacity);
	}

	void add(T item) {
		long sequence = this.written.getAndIncrement();
		this.slots.set((int) (sequence % this.slots.length()), new Slot<>(sequence, item));
	}

	/**
	 * Return the items, newest first. An item being added at the same time may be left
	 * out.
	 * @return the most recent items, at most the ring's capacity
	 */
	List<T> newestFirst() {
		long end = this.written.get();
		int capacity = this.slots.length();
		long start = Math.max(0, end - capacity);
		List<T> items = new ArrayList<>((int) (end - start));
		for (long sequence = end - 1; sequence >= start; sequence--) {
			Slot<T> slot = this.slots.get((int) (sequence % capacity));
			if (slot != null && slot.sequence == sequence) {
				items.add(slot.item);
			}
		}
		return items;
	}

	int capacity() {
		return this.slots.length();
	}

	private record Slot<T>(long sequence, T item) {

	}

}
