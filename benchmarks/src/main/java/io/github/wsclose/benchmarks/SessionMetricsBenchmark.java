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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.wsclose.CloseCode;
import io.github.wsclose.Initiator;
import io.github.wsclose.OpenedSession;
import io.github.wsclose.SessionClose;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The metrics path alone: {@link WebSocketSessionMetrics} recording one session's open
 * and close, once their series exist. With {@code -prof gc} this shows what the meters
 * allocate per session, apart from the {@link SessionClose} they are given.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Thread)
public class SessionMetricsBenchmark {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final WebSocketSessionMetrics metrics = new WebSocketSessionMetrics(this.registry);

	private final OpenedSession session = new OpenedSession("1", "/echo", URI.create("ws://localhost:8080/echo"), null,
			Instant.EPOCH);

	private final SessionClose close = new SessionClose("1", 1000, null, CloseCode.NORMAL_CLOSURE, true,
			Initiator.CLIENT, "/echo", this.session.uri(), null, this.session.openedAt(), Duration.ofMillis(42), null);

	@TearDown
	public void tearDown() {
		this.registry.close();
	}

	/**
	 * Record a session's open and its close.
	 */
	@Benchmark
	public void openedAndClosed() {
		this.metrics.sessionOpened(this.session);
		this.metrics.sessionClosed(this.close);
	}

	/**
	 * Return the registry the meters are recorded in.
	 * @return the registry
	 */
	SimpleMeterRegistry registry() {
		return this.registry;
	}

}
