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

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.WriteTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ContainerIdleTimeouts}. The conformance suite tests the same rules
 * against the containers themselves.
 */
class ContainerIdleTimeoutsTests {

	@Test
	void tomcatsLocalReportOfItsIdleTimeoutIsAnIdleTimeout() {
		assertThat(ContainerIdleTimeouts.isIdleTimeout(1006, "The WebSocket session [3] idle timeout expired"))
			.isTrue();
		assertThat(ContainerIdleTimeouts.isIdleTimeout(1006, "The WebSocket session [3] read idle timeout expired"))
			.isTrue();
		assertThat(ContainerIdleTimeouts.isIdleTimeout(1001, "The WebSocket session [3] idle timeout expired"))
			.isFalse();
		assertThat(ContainerIdleTimeouts.isIdleTimeout(1006, null)).isFalse();
	}

	@Test
	void jettysIdleTimeoutIsGoingAwayWithItsReason() {
		assertThat(ContainerIdleTimeouts.isIdleTimeout(1001, "Connection Idle Timeout")).isTrue();
		assertThat(ContainerIdleTimeouts.isIdleTimeout(1000, "Connection Idle Timeout")).isFalse();
		assertThat(ContainerIdleTimeouts.isIdleTimeout(1001, "bye")).isFalse();
	}

	@Test
	void nettysTimeoutHandlersAndReactorsTimeoutAreIdleTimeoutsWhereverTheyAreInTheCauses() {
		assertThat(ContainerIdleTimeouts.isIdleTimeout(ReadTimeoutException.INSTANCE)).isTrue();
		assertThat(ContainerIdleTimeouts.isIdleTimeout(WriteTimeoutException.INSTANCE)).isTrue();
		assertThat(ContainerIdleTimeouts.isIdleTimeout(new TimeoutException("Did not observe any item"))).isTrue();
		assertThat(ContainerIdleTimeouts
			.isIdleTimeout(new IllegalStateException("wrapped", new RuntimeException(ReadTimeoutException.INSTANCE))))
			.isTrue();
	}

	@Test
	void otherErrorsAndNoErrorAreNotIdleTimeouts() {
		assertThat(ContainerIdleTimeouts.isIdleTimeout(new IOException("Connection reset by peer"))).isFalse();
		assertThat(ContainerIdleTimeouts.isIdleTimeout(null)).isFalse();
		// the causes are looked at eight deep, so that a cycle or a very long chain ends
		Throwable deep = new TimeoutException();
		for (int i = 0; i < 8; i++) {
			deep = new RuntimeException(deep);
		}
		assertThat(ContainerIdleTimeouts.isIdleTimeout(deep)).isFalse();
	}

}
