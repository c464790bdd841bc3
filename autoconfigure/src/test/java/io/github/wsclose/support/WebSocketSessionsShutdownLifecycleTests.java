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

package io.github.wsclose.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.Initiator;
import io.github.wsclose.SessionClose;
import io.github.wsclose.SessionLifecycleListener;
import io.github.wsclose.TrackedSession;
import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketSessionsShutdownLifecycle}.
 */
class WebSocketSessionsShutdownLifecycleTests {

	private final List<SessionClose> closed = new ArrayList<>();

	private final CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(),
			List.of((SessionLifecycleListener) this.closed::add));

	@Test
	void stopClosesTheSessionsStillOpenAndReportsThem() {
		WebSocketSessionsShutdownLifecycle lifecycle = new WebSocketSessionsShutdownLifecycle(this.reporter,
				Duration.ofSeconds(1));
		lifecycle.start();
		TrackedSession session = this.reporter.opened("s1", "/chat", null, null);
		session.closeOnShutdownWith(() -> this.reporter.closed(session, 1001, null));
		assertThat(lifecycle.isRunning()).isTrue();
		lifecycle.stop();
		assertThat(lifecycle.isRunning()).isFalse();
		assertThat(this.closed).singleElement().satisfies((close) -> {
			assertThat(close.code()).isEqualTo(1001);
			assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
		});
	}

	@Test
	void stopsBeforeTheWebServerShutsDownGracefully() {
		int webServerGracefulShutdownPhase = SmartLifecycle.DEFAULT_PHASE - 1024;
		assertThat(new WebSocketSessionsShutdownLifecycle(this.reporter).getPhase())
			.isGreaterThan(webServerGracefulShutdownPhase)
			.isLessThan(SmartLifecycle.DEFAULT_PHASE);
	}

}
