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

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloseKey}.
 */
class CloseKeyTests {

	@Test
	void unknownEndpointHasOneName() {
		assertThat(CloseKey.endpoint(null)).isEqualTo("unknown");
		assertThat(CloseKey.endpoint("/chat/{room}")).isEqualTo("/chat/{room}");
	}

	@Test
	void everyCleanAndInitiatorPairHasItsOwnSlotThatTellsItBack() {
		Set<Integer> slots = new HashSet<>();
		for (boolean clean : new boolean[] { true, false }) {
			for (Initiator initiator : Initiator.values()) {
				int slot = CloseKey.outcome(clean, initiator);
				assertThat(slot).isBetween(0, CloseKey.OUTCOMES - 1);
				assertThat(CloseKey.isClean(slot)).isEqualTo(clean);
				assertThat(CloseKey.initiator(slot)).isEqualTo(initiator);
				slots.add(slot);
			}
		}
		assertThat(slots).hasSize(CloseKey.OUTCOMES).hasSize(6);
	}

	@Test
	void codesWithTheSameTagsShareOneValue() {
		CloseKey.ByCode<AtomicInteger> byCode = new CloseKey.ByCode<>();
		byCode.get(CloseCode.of(4001), (code) -> new AtomicInteger()).incrementAndGet();
		byCode.get(CloseCode.of(4999), (code) -> new AtomicInteger()).incrementAndGet();
		byCode.get(CloseCode.of(1000), (code) -> new AtomicInteger()).incrementAndGet();
		assertThat(byCode.entries()).hasSize(2).anySatisfy((entry) -> {
			assertThat(entry.code().codeTagValue()).isEqualTo("4xxx");
			assertThat(entry.value()).hasValue(2);
		}).anySatisfy((entry) -> {
			assertThat(entry.code().code()).isEqualTo(1000);
			assertThat(entry.value()).hasValue(1);
		});
	}

	@Test
	void namedCodeIsKeptApartFromTheUnnamedCodesOfItsRange() {
		CloseCodeCatalog catalog = CloseCodeCatalog.of(java.util.Map.of(4001, "unauthorized"));
		CloseKey.ByCode<AtomicInteger> byCode = new CloseKey.ByCode<>();
		byCode.get(catalog.classify(4001), (code) -> new AtomicInteger()).incrementAndGet();
		byCode.get(catalog.classify(4002), (code) -> new AtomicInteger()).incrementAndGet();
		assertThat(byCode.entries()).extracting((entry) -> entry.code().tagValue())
			.containsExactlyInAnyOrder("unauthorized", "private");
	}

}
