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

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PeerText}.
 */
class PeerTextTests {

	@Test
	void shortTextIsKeptWhole() {
		assertThat(PeerText.cut("bye", 256)).isEqualTo("bye");
		assertThat(PeerText.cutReason("bye")).isEqualTo("bye");
	}

	@Test
	void longTextIsCutToTheLimit() {
		assertThat(PeerText.cut("x".repeat(300), PeerText.MAX_LENGTH)).hasSize(256);
	}

	@Test
	void cutNeverSplitsASurrogatePair() {
		String text = "x".repeat(255) + "\uD83D\uDE00" + "tail";
		assertThat(PeerText.cut(text, 256)).hasSize(255).doesNotContain("\uD83D");
	}

	@Test
	void reasonIsCutTo123Utf8BytesNeverInsideACharacter() {
		String reason = "é".repeat(100);
		String cut = PeerText.cutReason(reason);
		assertThat(cut).isNotNull();
		assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(122);
		assertThat(PeerText.cutReason("a".repeat(5000))).hasSize(PeerText.MAX_REASON_BYTES);
		assertThat(PeerText.cutReason(null)).isNull();
	}

	@Test
	void reasonOfFourByteCharactersIsCutBetweenCharacters() {
		String cut = PeerText.cutReason("\uD83D\uDE00".repeat(40));
		assertThat(cut).isNotNull();
		assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(120);
	}

}
