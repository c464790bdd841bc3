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

/**
 * Everything a {@link CloseCode} exposes, as one value, so that a test can compare a
 * classification with the contract's table in one assertion and a failure names the field
 * that differs.
 *
 * @param code the numeric code
 * @param name the human name
 * @param tagValue the status tag value
 * @param codeTagValue the code tag value
 * @param category the category
 * @param sendable whether the code may be sent
 */
record ClassifiedCode(int code, String name, String tagValue, String codeTagValue, CloseCategory category,
		boolean sendable) {

	static ClassifiedCode of(CloseCode closeCode) {
		return new ClassifiedCode(closeCode.code(), closeCode.name(), closeCode.tagValue(), closeCode.codeTagValue(),
				closeCode.category(), closeCode.sendable());
	}

	/**
	 * Describe a code the application has named: the name is also the tag value and the
	 * code is tagged with its exact value.
	 */
	static ClassifiedCode named(int code, String name, CloseCategory category) {
		return new ClassifiedCode(code, name, name, Integer.toString(code), category, true);
	}

}
