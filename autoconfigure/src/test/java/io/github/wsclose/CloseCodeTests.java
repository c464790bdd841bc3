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

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloseCode}, {@link CloseCategory} and {@link Initiator}: the
 * contract's close-code table, cell by cell, at every boundary.
 */
class CloseCodeTests {

	@ParameterizedTest(name = "{0} -> {1} / {2} / code={3} / {4} / sendable={5}")
	@CsvSource(delimiter = '|', textBlock = """
			-2147483648 | Invalid                            | invalid                    | other | INVALID    | false
			-1          | Invalid                            | invalid                    | other | INVALID    | false
			0           | Unused                             | unused                     | other | UNUSED     | false
			1           | Unused                             | unused                     | other | UNUSED     | false
			500         | Unused                             | unused                     | other | UNUSED     | false
			999         | Unused                             | unused                     | other | UNUSED     | false
			1000        | Normal Closure                     | normal_closure             | 1000  | STANDARD   | true
			1001        | Going Away                         | going_away                 | 1001  | STANDARD   | true
			1002        | Protocol Error                     | protocol_error             | 1002  | STANDARD   | true
			1003        | Unsupported Data                   | unsupported_data           | 1003  | STANDARD   | true
			1004        | Reserved                           | reserved                   | 1004  | RESERVED   | false
			1005        | No Status Received                 | no_status_received         | 1005  | STANDARD   | false
			1006        | Abnormal Closure                   | abnormal_closure           | 1006  | STANDARD   | false
			1007        | Invalid Frame Payload Data         | invalid_frame_payload_data | 1007  | STANDARD   | true
			1008        | Policy Violation                   | policy_violation           | 1008  | STANDARD   | true
			1009        | Message Too Big                    | message_too_big            | 1009  | STANDARD   | true
			1010        | Mandatory Extension                | mandatory_extension        | 1010  | STANDARD   | true
			1011        | Internal Error                     | internal_error             | 1011  | STANDARD   | true
			1012        | Service Restart                    | service_restart            | 1012  | STANDARD   | true
			1013        | Try Again Later                    | try_again_later            | 1013  | STANDARD   | true
			1014        | Bad Gateway                        | bad_gateway                | 1014  | STANDARD   | true
			1015        | TLS Handshake                      | tls_handshake              | 1015  | STANDARD   | false
			1016        | Reserved                           | reserved                   | other | RESERVED   | false
			2000        | Reserved                           | reserved                   | other | RESERVED   | false
			2999        | Reserved                           | reserved                   | other | RESERVED   | false
			3000        | Registered (libraries, frameworks) | registered                 | 3xxx  | REGISTERED | true
			3456        | Registered (libraries, frameworks) | registered                 | 3xxx  | REGISTERED | true
			3999        | Registered (libraries, frameworks) | registered                 | 3xxx  | REGISTERED | true
			4000        | Private (application)              | private                    | 4xxx  | PRIVATE    | true
			4500        | Private (application)              | private                    | 4xxx  | PRIVATE    | true
			4999        | Private (application)              | private                    | 4xxx  | PRIVATE    | true
			5000        | Invalid                            | invalid                    | other | INVALID    | false
			65535       | Invalid                            | invalid                    | other | INVALID    | false
			70000       | Invalid                            | invalid                    | other | INVALID    | false
			2147483647  | Invalid                            | invalid                    | other | INVALID    | false
			""")
	void ofClassifiesEveryCodeAsTheContractTableSays(int code, String name, String tagValue, String codeTagValue,
			CloseCategory category, boolean sendable) {
		assertThat(ClassifiedCode.of(CloseCode.of(code)))
			.isEqualTo(new ClassifiedCode(code, name, tagValue, codeTagValue, category, sendable));
	}

	@Test
	void everyIntClassifiesIntoTheBoundedSetOfCodeTagValues() {
		Set<String> codeTagValues = IntStream.rangeClosed(-70_000, 70_000)
			.mapToObj((code) -> CloseCode.of(code).codeTagValue())
			.collect(Collectors.toSet());
		Set<String> expected = new HashSet<>(Set.of("3xxx", "4xxx", "other"));
		IntStream.rangeClosed(1000, 1015).forEach((code) -> expected.add(Integer.toString(code)));
		assertThat(codeTagValues).isEqualTo(expected);
	}

	@Test
	void constantsAreTheClassifiedStandardCodes() {
		assertThat(CloseCode.NORMAL_CLOSURE).isSameAs(CloseCode.of(1000));
		assertThat(CloseCode.NO_STATUS_RECEIVED).isSameAs(CloseCode.of(1005));
		assertThat(CloseCode.ABNORMAL_CLOSURE).isSameAs(CloseCode.of(1006));
		assertThat(CloseCode.TLS_HANDSHAKE).isSameAs(CloseCode.of(1015));
		assertThat(CloseCode.NO_STATUS_RECEIVED.code()).isEqualTo(1005);
		assertThat(CloseCode.ABNORMAL_CLOSURE.code()).isEqualTo(1006);
		assertThat(CloseCode.TLS_HANDSHAKE.code()).isEqualTo(1015);
	}

	@ParameterizedTest
	@CsvSource({ "INVALID, invalid", "UNUSED, unused", "STANDARD, standard", "RESERVED, reserved",
			"REGISTERED, registered", "PRIVATE, private" })
	void categoryTagValueIsTheLowerCaseName(CloseCategory category, String tagValue) {
		assertThat(category.tagValue()).isEqualTo(tagValue);
	}

	@Test
	void everyCategoryHasATagValue() {
		assertThat(CloseCategory.values()).extracting(CloseCategory::tagValue)
			.containsExactly("invalid", "unused", "standard", "reserved", "registered", "private");
	}

	@ParameterizedTest
	@CsvSource({ "SERVER, server", "CLIENT, client", "UNKNOWN, unknown" })
	void initiatorTagValueIsTheLowerCaseName(Initiator initiator, String tagValue) {
		assertThat(initiator.tagValue()).isEqualTo(tagValue);
	}

	@Test
	void everyInitiatorHasATagValue() {
		assertThat(Initiator.values()).extracting(Initiator::tagValue).containsExactly("server", "client", "unknown");
	}

	@Test
	void codesClassifiedTwiceAreEqualAndHashAlike() {
		CloseCode first = CloseCode.of(4321);
		CloseCode second = CloseCode.of(4321);
		assertThat(first).isNotSameAs(second).isEqualTo(second);
		assertThat(first.hashCode()).isEqualTo(second.hashCode());
		assertThat(CloseCode.of(-1)).isEqualTo(CloseCode.of(-1)).hasSameHashCodeAs(CloseCode.of(-1));
	}

	@Test
	void codesWithDifferentNumbersAreNotEqual() {
		assertThat(CloseCode.of(4321)).isNotEqualTo(CloseCode.of(4322));
		assertThat(CloseCode.of(1000)).isNotEqualTo(CloseCode.of(1001));
		assertThat(CloseCode.of(2000)).isNotEqualTo(CloseCode.of(2001));
	}

	@Test
	void namedCodeIsNotEqualToTheUnnamedCode() {
		CloseCode unnamed = CloseCode.of(4001);
		CloseCode named = unnamed.named("unauthorized");
		assertThat(named).isNotEqualTo(unnamed);
		assertThat(named).isEqualTo(CloseCode.of(4001).named("unauthorized"));
		assertThat(named.hashCode()).isEqualTo(CloseCode.of(4001).named("unauthorized").hashCode());
	}

	@Test
	void codeIsNotEqualToNullOrAnotherType() {
		assertThat(CloseCode.of(1000)).isNotEqualTo(null).isNotEqualTo(1000).isNotEqualTo("1000 Normal Closure");
	}

	@Test
	void namedCodeKeepsCodeCategoryAndSendableAndIsTaggedWithItsExactCode() {
		assertThat(ClassifiedCode.of(CloseCode.of(3042).named("library_timeout"))).isEqualTo(
				new ClassifiedCode(3042, "library_timeout", "library_timeout", "3042", CloseCategory.REGISTERED, true));
	}

	@Test
	void toStringShowsCodeAndName() {
		assertThat(CloseCode.of(1000)).hasToString("1000 Normal Closure");
		assertThat(CloseCode.of(4001).named("unauthorized")).hasToString("4001 unauthorized");
		assertThat(CloseCode.of(-1)).hasToString("-1 Invalid");
	}

}
