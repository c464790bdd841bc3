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

package io.github.wsclose.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.wsclose.CloseCategory;
import io.github.wsclose.CloseCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the classification benchmarks through their spread of codes and checks what they
 * returned.
 */
class CloseCodeBenchmarkTests {

	private final CloseCodeBenchmark benchmark = new CloseCodeBenchmark();

	@Test
	void ofStandardClassifiesEachStandardCodeInTurn() {
		List<CloseCode> codes = sixteen(this.benchmark::ofStandard);
		assertThat(codes).extracting(CloseCode::code)
			.containsExactly(1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
					1015);
		assertThat(codes.get(6).tagValue()).isEqualTo("abnormal_closure");
	}

	@Test
	void ofMixedCoversEveryCategory() {
		List<CloseCode> codes = sixteen(this.benchmark::ofMixed);
		assertThat(codes).extracting(CloseCode::code)
			.containsExactly(1000, 1001, 1006, 1011, 1005, 1015, 1016, 2999, 3000, 3999, 4000, 4001, 4500, 4999, 999,
					-1);
		assertThat(codes).extracting(CloseCode::category)
			.containsOnlyOnce(CloseCategory.UNUSED, CloseCategory.INVALID)
			.contains(CloseCategory.values());
		assertThat(codes.get(12).tagValue()).isEqualTo("private");
	}

	@Test
	void classifyMixedAppliesTheDefaultNames() {
		List<CloseCode> codes = sixteen(this.benchmark::classifyMixed);
		assertThat(codes.get(12).code()).isEqualTo(4500);
		assertThat(codes.get(12).tagValue()).isEqualTo("session_not_reliable");
	}

	private static List<CloseCode> sixteen(Supplier<CloseCode> benchmark) {
		List<CloseCode> codes = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			codes.add(benchmark.get());
		}
		return codes;
	}

}
