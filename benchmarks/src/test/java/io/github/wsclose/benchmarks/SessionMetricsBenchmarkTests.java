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

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the metrics benchmark once and checks the meters it recorded.
 */
class SessionMetricsBenchmarkTests {

	@Test
	void openedAndClosedRecordsOneSessionOfFortyTwoMilliseconds() {
		SessionMetricsBenchmark benchmark = new SessionMetricsBenchmark();
		benchmark.openedAndClosed();
		SimpleMeterRegistry registry = benchmark.registry();
		assertThat(registry.get("websocket.sessions.opened").tag("endpoint", "/echo").counter().count()).isEqualTo(1.0);
		assertThat(registry.get("websocket.sessions.closed").tag("code", "1000").counter().count()).isEqualTo(1.0);
		assertThat(registry.get("websocket.sessions.active").gauge().value()).isZero();
		assertThat(registry.get("websocket.sessions.duration").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(42.0);
		benchmark.tearDown();
	}

}
