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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogSafe}.
 */
class LogSafeTests {

	@Test
	void nullIsTheWordNullUnquoted() {
		assertThat(LogSafe.quote(null)).isEqualTo("null");
	}

	@Test
	void ordinaryTextIsQuoted() {
		assertThat(LogSafe.quote("Going away")).isEqualTo("\"Going away\"");
		assertThat(LogSafe.quote("")).isEqualTo("\"\"");
	}

	@Test
	void lineBreaksAndTabsAreEscaped() {
		assertThat(LogSafe.quote("bye\r\n2026-01-01 INFO forged\tline"))
			.isEqualTo("\"bye\\r\\n2026-01-01 INFO forged\\tline\"");
	}

	@Test
	void ansiEscapeSequenceIsEscaped() {
		assertThat(LogSafe.quote("\u001b[31mred\u001b[0m")).isEqualTo("\"\\u001b[31mred\\u001b[0m\"");
	}

	@ParameterizedTest(name = "U+{0}")
	@ValueSource(strings = { "0000", "0001", "0007", "0008", "000b", "000c", "001f", "007f", "0080", "0085", "009b",
			"009f" })
	void otherC0AndC1ControlsAndDeleteAreEscapedAsUnicodeEscapes(String hex) {
		char control = (char) Integer.parseInt(hex, 16);
		assertThat(LogSafe.quote("a" + control + "b")).isEqualTo("\"a\\u" + hex + "b\"");
	}

	@ParameterizedTest(name = "U+{0}")
	@ValueSource(strings = { "2028", "2029" })
	void unicodeLineAndParagraphSeparatorsAreEscaped(String hex) {
		char separator = (char) Integer.parseInt(hex, 16);
		assertThat(LogSafe.quote("a" + separator + "b")).isEqualTo("\"a\\u" + hex + "b\"");
	}

	@Test
	void unpairedSurrogatesAreEscaped() {
		assertThat(LogSafe.quote("a\ud83d")).isEqualTo("\"a\\ud83d\"");
		assertThat(LogSafe.quote("a\ud83db")).isEqualTo("\"a\\ud83db\"");
		assertThat(LogSafe.quote("\ude00b")).isEqualTo("\"\\ude00b\"");
		assertThat(LogSafe.quote("a\ude00b")).isEqualTo("\"a\\ude00b\"");
		assertThat(LogSafe.quote("\ude00\ud83d")).isEqualTo("\"\\ude00\\ud83d\"");
		assertThat(LogSafe.quote("\ud83d\ud83d\ude00")).isEqualTo("\"\\ud83d\ud83d\ude00\"");
	}

	@Test
	void quotesAndBackslashesAreEscaped() {
		assertThat(LogSafe.quote("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
	}

	@Test
	void quoteInTheTextCannotEndTheQuotedValueEarly() {
		String quoted = LogSafe.quote("x\", admin=\"true");
		assertThat(quoted).isEqualTo("\"x\\\", admin=\\\"true\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "caf\u00e9 Gr\u00fc\u00dfe \u00f1", "\ud83d\ude00 \ud83d\udc4d\ud83c\udffd",
			"\u65e5\u672c\u8a9e", "\u0645\u0631\u062d\u0628\u0627", "\u00a0non-breaking" })
	void ordinaryUnicodeIsKept(String text) {
		assertThat(LogSafe.quote(text)).isEqualTo("\"" + text + "\"");
	}

	@Test
	void textOf256CharactersIsKeptWhole() {
		String text = "x".repeat(256);
		assertThat(LogSafe.quote(text)).isEqualTo("\"" + text + "\"");
	}

	@Test
	void longTextIsTruncatedTo256CharactersWithEllipsis() {
		String text = "x".repeat(256) + "TAIL";
		assertThat(LogSafe.quote(text)).isEqualTo("\"" + "x".repeat(256) + "...\"").doesNotContain("TAIL");
	}

	@Test
	void veryLongTextIsTruncated() {
		assertThat(LogSafe.quote("y".repeat(1_000_000))).hasSize(256 + 5);
	}

	@Test
	void truncationDoesNotCutASurrogatePairInHalf() {
		String text = "x".repeat(255) + "\ud83d\ude00" + "tail";
		String quoted = LogSafe.quote(text);
		assertThat(quoted).endsWith("...\"").doesNotContain("tail");
		assertThat(hasUnpairedSurrogate(quoted)).as("unpaired surrogate in %s", quoted).isFalse();
	}

	@Test
	void noSingleCharacterReachesTheOutputAsAControlLineSeparatorOrUnpairedSurrogate() {
		for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
			String quoted = LogSafe.quote("a" + (char) c + "b");
			assertThat(isLogSafe(quoted)).as("U+%04X quoted as %s", c, quoted).isTrue();
		}
	}

	private static boolean isLogSafe(String text) {
		return text.chars().noneMatch((c) -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')
				&& !hasUnpairedSurrogate(text);
	}

	private static boolean hasUnpairedSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return true;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	@ParameterizedTest
	@ValueSource(strings = { "202a", "202b", "202c", "202d", "202e", "2066", "2067", "2068", "2069" })
	void bidirectionalControlsAreEscaped(String hex) {
		String control = String.valueOf((char) Integer.parseInt(hex, 16));
		assertThat(LogSafe.quote("evil" + control + "txt")).isEqualTo("\"evil\\u" + hex + "txt\"");
		assertThat(LogSafe.escape("evil" + control + "txt", 64)).isEqualTo("evil\\u" + hex + "txt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0085", "009b", "001b", "007f", "2028", "2029" })
	void escapedValueForTheReportHasNoControlSeparatorOrEscapeLeft(String hex) {
		String escaped = LogSafe.escape("a" + (char) Integer.parseInt(hex, 16) + "b", 64);
		assertThat(escaped).isEqualTo("a\\u" + hex + "b");
	}

	@Test
	void escapedValueKeepsQuotesAndLineBreaksReadable() {
		assertThat(LogSafe.escape("say \"hi\"\r\n", 64)).isEqualTo("say \"hi\"\\r\\n");
	}

	@Test
	void escapedValueIsCutToItsLimit() {
		assertThat(LogSafe.escape("x".repeat(7000), 64)).hasSize(64);
	}

	@Test
	void noCharacterTheContractNamesIsLeftRawInAnyPosition() {
		for (char c = 0; c < 0x3000; c++) {
			boolean named = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
					|| (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
			String text = "a" + c + "b";
			assertThat(LogSafe.quote(text).indexOf(c) >= 0 && c != '"' && c != '\\').as("U+%04x", (int) c)
				.isEqualTo(!named && !Character.isSurrogate(c) && c != '"' && c != '\\');
			assertThat(LogSafe.escape(text, 64).indexOf(c) >= 0).as("U+%04x", (int) c)
				.isEqualTo(!named && !Character.isSurrogate(c));
		}
	}

}
