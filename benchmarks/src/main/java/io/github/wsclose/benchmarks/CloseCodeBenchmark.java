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

import java.util.concurrent.TimeUnit;

import io.github.wsclose.CloseCode;
import io.github.wsclose.CloseCodeCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Close-code classification over a spread of codes: {@link CloseCode#of(int)} on the
 * standard codes alone and on a mix of every range, and
 * {@link CloseCodeCatalog#classify(int)} (what each close goes through) on the mix.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Thread)
public class CloseCodeBenchmark {

	/**
	 * 1000 to 1015, the codes most closes carry.
	 */
	static final int[] STANDARD = { 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013,
			1014, 1015 };

	/**
	 * Codes of every range: standard, reserved, registered, private (named by default or
	 * not), unused and invalid.
	 */
	static final int[] MIXED = { 1000, 1001, 1006, 1011, 1005, 1015, 1016, 2999, 3000, 3999, 4000, 4001, 4500, 4999,
			999, -1 };

	private final CloseCodeCatalog catalog = CloseCodeCatalog.defaults();

	private int next;

	@Benchmark
	public CloseCode ofStandard() {
		return CloseCode.of(STANDARD[this.next++ & 15]);
	}

	@Benchmark
	public CloseCode ofMixed() {
		return CloseCode.of(MIXED[this.next++ & 15]);
	}

	@Benchmark
	public CloseCode classifyMixed() {
		return this.catalog.classify(MIXED[this.next++ & 15]);
	}

}
