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

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CloseCodeCatalog}.
 */
class CloseCodeCatalogTests {

	@Test
	void defaultsName4500SessionNotReliable() {
		assertThat(ClassifiedCode.of(CloseCodeCatalog.defaults().classify(4500))).isEqualTo(new ClassifiedCode(4500,
				"session_not_reliable", "session_not_reliable", "4500", CloseCategory.PRIVATE, true));
		assertThat(CloseCodeCatalog.SESSION_NOT_RELIABLE_NAME).isEqualTo("session_not_reliable");
	}

	@Test
	void defaultsNameOnly4500() {
		assertThat(CloseCodeCatalog.defaults().names()).containsExactly(Map.entry(4500, "session_not_reliable"));
	}

	@Test
	void emptyApplicationNamesGiveTheDefaults() {
		assertThat(CloseCodeCatalog.of(Map.of()).names()).isEqualTo(CloseCodeCatalog.defaults().names());
	}

	@Test
	void applicationNameAppliesToNameTagValueAndCodeTagValue() {
		assertThat(ClassifiedCode.of(CloseCodeCatalog.of(Map.of(4001, "unauthorized")).classify(4001)))
			.isEqualTo(new ClassifiedCode(4001, "unauthorized", "unauthorized", "4001", CloseCategory.PRIVATE, true));
	}

	@Test
	void applicationNameOfARegisteredCodeKeepsItsCategory() {
		assertThat(ClassifiedCode.of(CloseCodeCatalog.of(Map.of(3000, "library_timeout")).classify(3000)))
			.isEqualTo(ClassifiedCode.named(3000, "library_timeout", CloseCategory.REGISTERED));
	}

	@Test
	void lowestAndHighestNameableCodesCanBeNamed() {
		CloseCodeCatalog catalog = CloseCodeCatalog.of(Map.of(3000, "first", 4999, "last"));
		assertThat(catalog.classify(3000).tagValue()).isEqualTo("first");
		assertThat(catalog.classify(4999).tagValue()).isEqualTo("last");
	}

	@Test
	void applicationCanRename4500() {
		CloseCodeCatalog catalog = CloseCodeCatalog.of(Map.of(4500, "send_limit_exceeded"));
		assertThat(ClassifiedCode.of(catalog.classify(4500)))
			.isEqualTo(ClassifiedCode.named(4500, "send_limit_exceeded", CloseCategory.PRIVATE));
		assertThat(catalog.names()).containsExactly(Map.entry(4500, "send_limit_exceeded"));
	}

	@Test
	void applicationNamesKeep4500Named() {
		CloseCodeCatalog catalog = CloseCodeCatalog.of(Map.of(4001, "unauthorized"));
		assertThat(catalog.classify(4500).tagValue()).isEqualTo("session_not_reliable");
	}

	@Test
	void unnamedNeighboursOfANamedCodeAreUnaffected() {
		CloseCodeCatalog catalog = CloseCodeCatalog.of(Map.of(4001, "unauthorized", 3000, "library"));
		for (int code : new int[] { 2999, 3001, 4000, 4002, 4499, 4501, 5000 }) {
			assertThat(catalog.classify(code)).as("code %d", code).isEqualTo(CloseCode.of(code));
		}
		assertThat(catalog.classify(4002).codeTagValue()).isEqualTo("4xxx");
		assertThat(catalog.classify(4002).tagValue()).isEqualTo("private");
		assertThat(catalog.classify(3001).codeTagValue()).isEqualTo("3xxx");
	}

	@Test
	void codesOutsideTheNameableRangeAreClassifiedAsUsual() {
		CloseCodeCatalog catalog = CloseCodeCatalog.defaults();
		for (int code : new int[] { Integer.MIN_VALUE, -1, 0, 999, 1000, 1006, 1015, 1016, 5000, 65535,
				Integer.MAX_VALUE }) {
			assertThat(catalog.classify(code)).as("code %d", code).isEqualTo(CloseCode.of(code));
		}
		assertThat(catalog.classify(1000)).isSameAs(CloseCode.NORMAL_CLOSURE);
	}

	@Test
	void namesAreListedInAscendingOrderOfCode() {
		Map<Integer, String> names = new HashMap<>();
		names.put(4999, "z");
		names.put(3000, "a");
		names.put(4001, "unauthorized");
		assertThat(CloseCodeCatalog.of(names).names()).containsExactly(Map.entry(3000, "a"),
				Map.entry(4001, "unauthorized"), Map.entry(4500, "session_not_reliable"), Map.entry(4999, "z"));
	}

	@Test
	void namesCannotBeModified() {
		Map<Integer, String> names = CloseCodeCatalog.of(Map.of(4001, "unauthorized")).names();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> names.put(4002, "x"));
	}

	@Test
	void catalogDoesNotSeeLaterChangesToTheGivenMap() {
		Map<Integer, String> names = new HashMap<>(Map.of(4001, "unauthorized"));
		CloseCodeCatalog catalog = CloseCodeCatalog.of(names);
		names.put(4002, "forbidden");
		names.put(4001, "changed");
		assertThat(catalog.classify(4001).name()).isEqualTo("unauthorized");
		assertThat(catalog.classify(4002).name()).isEqualTo("Private (application)");
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MIN_VALUE, -1, 0, 999, 1000, 1006, 2999, 5000, 65535 })
	void codeOutsideRegisteredAndPrivateRangesCannotBeNamed(int code) {
		assertThatIllegalArgumentException().isThrownBy(() -> CloseCodeCatalog.of(Map.of(code, "name")))
			.withMessage("Close code " + code
					+ " cannot be named: only codes 3000-4999 (registered and private) take application names");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t", "two words", "a\r\nb", "line\nbreak", "_private", "-dash", ".dot",
			"slash/name", "quote\"name", "caf\u00e9", "RoomFull", "Unauthorized", "A", "room-full", "lib.timeout", "7",
			"4001", "64_characters_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void invalidNameIsRejectedWithAClearMessage(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> CloseCodeCatalog.of(Map.of(4001, name)))
			.withMessageStartingWith("Close code 4001 has an invalid name '" + name
					+ "': a name is lower snake_case, [a-z][a-z0-9_]{0,62}");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			RoomFull     | room_full
			room full    | room_full
			'  room full '| room_full
			room-full    | room_full
			lib.timeout  | lib_timeout
			HTTPTimeout  | http_timeout
			roomFULL     | room_full
			Unauthorized | unauthorized
			_private     | private
			4001         | code_4001
			caf\u00e9    | caf
			""")
	void invalidNameMessageSuggestsTheSnakeCaseName(String name, String suggestion) {
		assertThat(CloseCodeCatalog.snakeCaseName(name)).isEqualTo(suggestion);
		assertThat(CloseCodeCatalog.isValidName(suggestion)).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> CloseCodeCatalog.of(Map.of(4001, name)))
			.withMessageEndingWith(", such as '" + suggestion + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "___", "--", "\u00e9" })
	void nameWithNoLetterOrDigitHasNoSuggestion(String name) {
		assertThat(CloseCodeCatalog.snakeCaseName(name)).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> CloseCodeCatalog.of(Map.of(4001, name)))
			.withMessageEndingWith("[a-z][a-z0-9_]{0,62}");
	}

	@Test
	void suggestionOfATooLongNameIsCutTo63Characters() {
		String suggestion = CloseCodeCatalog.snakeCaseName("A".repeat(40) + " " + "b".repeat(40));
		assertThat(suggestion).hasSize(63).startsWith("a".repeat(40) + "_b");
		assertThat(CloseCodeCatalog.isValidName(suggestion)).isTrue();
	}

	@Test
	void sixtyFourCharacterNameIsTooLong() {
		String sixtyThree = "a".repeat(63);
		assertThat(CloseCodeCatalog.of(Map.of(4001, sixtyThree)).classify(4001).name()).isEqualTo(sixtyThree);
		assertThatIllegalArgumentException().isThrownBy(() -> CloseCodeCatalog.of(Map.of(4001, sixtyThree + "a")))
			.withMessageStartingWith("Close code 4001 has an invalid name");
	}

	@Test
	void nullNameIsRejected() {
		Map<Integer, String> names = new HashMap<>();
		names.put(4001, null);
		assertThatIllegalArgumentException().isThrownBy(() -> CloseCodeCatalog.of(names))
			.withMessageStartingWith("Close code 4001 has an invalid name 'null'");
	}

	@Test
	void nullCodeIsRejected() {
		Map<Integer, String> names = new HashMap<>();
		names.put(null, "name");
		assertThatIllegalArgumentException().isThrownBy(() -> CloseCodeCatalog.of(names))
			.withMessageStartingWith("Close code null cannot be named");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "unauthorized", "room_full", "a1_b2", "library_", "x9" })
	void validNameIsAccepted(String name) {
		assertThat(CloseCodeCatalog.isValidName(name)).isTrue();
		assertThat(CloseCodeCatalog.of(Map.of(4001, name)).classify(4001).tagValue()).isEqualTo(name);
	}

	@Test
	void nameableCodesAre3000To4999() {
		assertThat(CloseCodeCatalog.isNameable(2999)).isFalse();
		assertThat(CloseCodeCatalog.isNameable(3000)).isTrue();
		assertThat(CloseCodeCatalog.isNameable(4999)).isTrue();
		assertThat(CloseCodeCatalog.isNameable(5000)).isFalse();
	}

	@Test
	void namesAreTrimmed() {
		CloseCodeCatalog catalog = CloseCodeCatalog.of(Map.of(4001, "  unauthorized\t", 3000, "\r\nlibrary \n"));
		assertThat(catalog.classify(4001).name()).isEqualTo("unauthorized");
		assertThat(catalog.classify(4001).tagValue()).isEqualTo("unauthorized");
		assertThat(catalog.classify(3000).tagValue()).isEqualTo("library");
		assertThat(catalog.names()).containsEntry(4001, "unauthorized").containsEntry(3000, "library");
	}

	@Test
	void classifyingANamedCodeTwiceReturnsTheSameInstance() {
		CloseCodeCatalog catalog = CloseCodeCatalog.of(Map.of(4001, "unauthorized"));
		assertThat(catalog.classify(4001)).isSameAs(catalog.classify(4001));
	}

}
