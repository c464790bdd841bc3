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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * How every consumer of a {@link SessionClose} keys it: the metrics, the report and
 * anything else that counts closes derive the endpoint, the code and status, and the
 * cleanliness, initiator and cause from here, so they always agree.
 *
 * <p>
 * Keys are bounded whatever peers send: the endpoint is the mapped pattern or
 * {@value #UNKNOWN_ENDPOINT}, the code is {@link CloseCode#codeTagValue()} with its
 * {@link CloseCode#tagValue() status}, never the raw code, and the outcome is one of
 * {@link #OUTCOMES} clean × initiator slots, each split by at most {@link #CAUSES}
 * causes.
 *
 * @since 0.1.0
 */
public final class CloseKey {

	/**
	 * The endpoint under which sessions whose endpoint is not known are kept and tagged.
	 */
	public static final String UNKNOWN_ENDPOINT = "unknown";

	private static final Initiator[] INITIATORS = Initiator.values();

	/**
	 * How many clean × initiator outcomes there are.
	 */
	public static final int OUTCOMES = 2 * INITIATORS.length;

	/**
	 * How many {@link CloseCause causes} there are.
	 */
	public static final int CAUSES = CloseCause.values().length;

	private CloseKey() {
	}

	/**
	 * Return the endpoint value of a session.
	 * @param endpoint the mapped path pattern, or {@code null} when not known
	 * @return the pattern, or {@value #UNKNOWN_ENDPOINT}
	 */
	public static String endpoint(@Nullable String endpoint) {
		return (endpoint != null) ? endpoint : UNKNOWN_ENDPOINT;
	}

	/**
	 * Return the outcome slot of a close: its cleanliness and initiator as one number
	 * from 0 to {@link #OUTCOMES} - 1.
	 * @param clean whether the close was clean
	 * @param initiator who started it
	 * @return the slot
	 */
	public static int outcome(boolean clean, Initiator initiator) {
		return (clean ? INITIATORS.length : 0) + initiator.ordinal();
	}

	/**
	 * Return whether an outcome slot is a clean one.
	 * @param outcome the slot
	 * @return whether closes in it were clean
	 */
	public static boolean isClean(int outcome) {
		return outcome >= INITIATORS.length;
	}

	/**
	 * Return the initiator of an outcome slot.
	 * @param outcome the slot
	 * @return who started the closes in it
	 */
	public static Initiator initiator(int outcome) {
		return INITIATORS[outcome % INITIATORS.length];
	}

	/**
	 * Values kept per close code: by {@link CloseCode#codeTagValue()} and then
	 * {@link CloseCode#tagValue()}, looked up without allocating once a value exists.
	 *
	 * @param <T> the type of the values
	 */
	public static final class ByCode<T> {

		private final ConcurrentMap<String, ConcurrentMap<String, Entry<T>>> values = new ConcurrentHashMap<>();

		/**
		 * Return the value kept for a close code, creating it on first use.
		 * @param code the classified code
		 * @param create creates the value for the code's key
		 * @return the value
		 */
		public T get(CloseCode code, Function<? super CloseCode, ? extends T> create) {
			ConcurrentMap<String, Entry<T>> byStatus = this.values.get(code.codeTagValue());
			if (byStatus == null) {
				byStatus = this.values.computeIfAbsent(code.codeTagValue(), (key) -> new ConcurrentHashMap<>());
			}
			Entry<T> entry = byStatus.get(code.tagValue());
			if (entry == null) {
				entry = byStatus.computeIfAbsent(code.tagValue(), (key) -> new Entry<>(code, create.apply(code)));
			}
			return entry.value();
		}

		/**
		 * Return the values kept so far, each with the first code it was created for.
		 * @return a snapshot of the entries
		 */
		public List<Entry<T>> entries() {
			List<Entry<T>> entries = new ArrayList<>();
			this.values.values().forEach((byStatus) -> entries.addAll(byStatus.values()));
			return entries;
		}

		/**
		 * A value and the code it was created for.
		 *
		 * @param <T> the type of the value
		 * @param code the first code of the key
		 * @param value the value
		 */
		public record Entry<T>(CloseCode code, T value) {

		}

	}

}
