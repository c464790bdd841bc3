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

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ListenerFailures} and how the {@link CloseReporter} uses it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerFailuresTests {

	private final AtomicLong nanos = new AtomicLong(1_000);

	private final List<String> warnings = new CopyOnWriteArrayList<>();

	private final List<Object> stackTraces = new CopyOnWriteArrayList<>();

	private final Log log = (Log) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Log.class },
			(proxy, method, args) -> {
				if (method.getName().equals("warn")) {
					this.warnings.add(String.valueOf(args[0]));
					if (args.length > 1) {
						this.stackTraces.add(args[1]);
					}
				}
				return (method.getReturnType() == boolean.class) ? Boolean.TRUE : null;
			});

	private final ListenerFailures failures = new ListenerFailures("my listener", this.log, this.nanos::get);

	@Test
	void firstFailureIsLoggedWithItsStackTrace() {
		IllegalStateException failure = new IllegalStateException("broke");
		this.failures.failed("s1", failure);
		assertThat(this.warnings).singleElement().asString().contains("my listener").contains("\"s1\"");
		assertThat(this.stackTraces).containsExactly(failure);
	}

	@Test
	void aHandshakeListenerIsNamedForTheHandshakeItFailedFor() {
		ListenerFailures handshakeFailures = new ListenerFailures("my listener", "handshake", "a handshake on",
				this.log, this.nanos::get);
		handshakeFailures.failed("/echo", new IllegalStateException("broke"));
		assertThat(this.warnings).singleElement()
			.asString()
			.startsWith("WebSocket handshake listener my listener failed for a handshake on \"/echo\"");
	}

	@Test
	void laterFailuresWithinAMinuteAreCountedNotLogged() {
		for (int i = 0; i < 100; i++) {
			this.failures.failed("s" + i, new IllegalStateException("broke"));
			this.nanos.addAndGet(Duration.ofMillis(100).toNanos());
		}
		assertThat(this.warnings).hasSize(1);
	}

	@Test
	void aMinuteLaterOneLineTellsHowManyFailedSince() {
		this.failures.failed("s0", new IllegalStateException("broke"));
		for (int i = 1; i <= 41; i++) {
			this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
			this.failures.failed("s" + i, new IllegalStateException("broke\u001b[31m"));
		}
		this.nanos.addAndGet(Duration.ofSeconds(30).toNanos());
		this.failures.failed("s42", new IllegalStateException("broke again"));
		assertThat(this.warnings).hasSize(2);
		assertThat(this.warnings.get(1)).contains("failed 42 time(s)").contains("\"s42\"").contains("broke again");
		assertThat(this.stackTraces).hasSize(1);
	}

	@Test
	void escapedPeerTextOnly() {
		this.failures.failed("id\r\nforged", new IllegalStateException("x"));
		assertThat(this.warnings.get(0)).doesNotContain("\r").doesNotContain("\n").contains("id\\r\\nforged");
	}

	@Test
	void hundredClosesWhoseListenerThrowsGiveOneWarningAndAreAllCounted(CapturedOutput output) {
		RecordingListener after = new RecordingListener();
		SessionLifecycleListener failing = new SessionLifecycleListener() {

			@Override
			public void sessionClosed(SessionClose close) {
				throw new IllegalStateException("listener broke");
			}

			@Override
			public String toString() {
				return "failing listener";
			}

		};
		CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(failing, after));
		for (int i = 0; i < 100; i++) {
			reporter.closed(reporter.opened("s" + i, "/chat", null, null), 1000, null);
		}
		assertThat(after.closed).hasSize(100);
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ")).count()).isBetween(1L, 3L);
		assertThat(output.getAll().lines().filter((line) -> line.contains("listener broke")).count()).isOne();
	}

}
