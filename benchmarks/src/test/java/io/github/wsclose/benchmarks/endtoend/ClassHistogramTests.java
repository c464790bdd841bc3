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

package io.github.wsclose.benchmarks.endtoend;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests reading and comparing {@code jcmd GC.class_histogram} output.
 */
class ClassHistogramTests {

	@Test
	void rowsAreReadAndLambdaClassesNamedByTheirDeclaringClass() {
		ClassHistogram histogram = ClassHistogram
			.parse(List.of("12345:", " num     #instances         #bytes  class name (module)",
					"-------------------------------------------------------",
					"   1:         10000         560000  io.github.wsclose.TrackedSession",
					"   2:            20            320  com.example.Handler$$Lambda$1054/0x00007f1d2048b000",
					"   3:            10            160  com.example.Handler$$Lambda/0x00007f1d2048c000",
					"   4:          5000         120000  java.lang.String (java.base@17.0.15)",
					"Total         15030         680480"));
		assertThat(histogram.bytesByClass()).containsEntry("io.github.wsclose.TrackedSession", 560000L)
			.containsEntry("com.example.Handler$$Lambda", 480L)
			.containsEntry("java.lang.String", 120000L)
			.hasSize(3);
		assertThat(histogram.instancesByClass()).containsEntry("com.example.Handler$$Lambda", 30L);
		assertThat(histogram.totalBytes()).isEqualTo(680480L);
	}

	@Test
	void minusGivesTheGrowthOfEveryClassOfEitherHistogram() {
		ClassHistogram before = ClassHistogram.parse(List.of("   1:    2    64  a.Kept", "   2:    1    24  a.Gone"));
		ClassHistogram after = ClassHistogram.parse(List.of("   1:    5   160  a.Kept", "   2:    3    48  a.New"));
		ClassHistogram growth = after.minus(before);
		assertThat(growth.bytesByClass()).containsEntry("a.Kept", 96L)
			.containsEntry("a.New", 48L)
			.containsEntry("a.Gone", -24L);
		assertThat(growth.instancesByClass()).containsEntry("a.Kept", 3L);
		assertThat(growth.totalBytes()).isEqualTo(120L);
	}

}
