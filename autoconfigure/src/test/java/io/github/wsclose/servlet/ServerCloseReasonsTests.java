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

package io.github.wsclose.servlet;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerCloseReasons}; each container's cut is tested against the
 * container itself by {@code ServerReasonOnTheWireTests} in {@code tests/actuator}.
 */
class ServerCloseReasonsTests {

	@Test
	void tomcatKeepsTheCharactersThatFitIn120BytesAndAddsAnEllipsis() {
		String cut = ServerCloseReasons.tomcatCut("r".repeat(5000));
		assertThat(cut).isEqualTo("r".repeat(120) + "\u2026");
		assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(123);
	}

	@Test
	void tomcatNeverCutsInsideATwoByteCharacter() {
		assertThat(ServerCloseReasons.tomcatCut("\u00e9".repeat(5000))).isEqualTo("\u00e9".repeat(60) + "\u2026");
	}

	@Test
	void tomcatEncodesEachHalfOfASurrogatePairOnItsOwn() {
		// as Tomcat's WsSession does: each half becomes '?'
		assertThat(ServerCloseReasons.tomcatCut("\ud83d\ude00".repeat(100))).isEqualTo("?".repeat(120) + "\u2026");
	}

	@Test
	void aSessionThatIsNotAContainersKeepsItsReason() {
		String reason = "r".repeat(5000);
		assertThat(ServerCloseReasons.asSent(new StubWebSocketSession("s1"), new CloseStatus(4000, reason),
				new CloseStatus(4000, reason)))
			.isEqualTo(reason);
	}

	@Test
	void aReasonThatFitsIsKept() {
		assertThat(ServerCloseReasons.asSent(new StubWebSocketSession("s1"), null, new CloseStatus(4000, "bye")))
			.isEqualTo("bye");
	}

}
