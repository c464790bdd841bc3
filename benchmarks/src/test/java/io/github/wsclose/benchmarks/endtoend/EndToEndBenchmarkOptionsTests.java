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

import io.github.wsclose.benchmarks.endtoend.EndToEndBenchmark.Options;
import io.github.wsclose.benchmarks.server.OperatorsOnlyHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests the end-to-end benchmark's {@code --control} and {@code --forks} options.
 */
class EndToEndBenchmarkOptionsTests {

	@Test
	void withoutControlTheFirstServerHasTheStarter() {
		Options options = Options.parse(new String[0]);
		assertThat(options.control).isFalse();
		assertThat(options.operators).isNull();
	}

	@Test
	void controlTrueRunsTwoServersWithoutTheStarterAndNoOperators() {
		Options options = Options.parse(new String[] { "--control", "true" });
		assertThat(options.control).isTrue();
		assertThat(options.operators).isNull();
	}

	@Test
	void controlOperatorsWrapsTheFirstServersHandlerInEveryPartOrInThoseNamed() {
		Options every = Options.parse(new String[] { "--control", "operators" });
		assertThat(every.control).isTrue();
		assertThat(every.operators).isEqualTo(OperatorsOnlyHandler.ALL);
		assertThat(Options.parse(new String[] { "--control", "operators=status" }).operators).isEqualTo("status");
	}

	@Test
	void controlOperatorsRefusesAPartItDoesNotKnowRatherThanRunAPlainControl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(new String[] { "--control", "operators=status,sesion" }))
			.withMessageContaining("sesion");
	}

	@Test
	void anyOtherControlValueIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "--control", "yes" }))
			.withMessageContaining("operators");
	}

	@Test
	void oneForkByDefaultAndAsManyAsAsked() {
		assertThat(Options.parse(new String[0]).forks).isEqualTo(1);
		assertThat(Options.parse(new String[] { "--forks", "5" }).forks).isEqualTo(5);
	}

	@Test
	void noForkIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "--forks", "0" }))
			.withMessageContaining("--forks");
	}

}
