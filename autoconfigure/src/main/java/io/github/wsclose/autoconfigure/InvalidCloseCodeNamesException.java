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

package io.github.wsclose.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;

/**
 * Thrown while binding {@code wsclose} when {@code wsclose.codes} holds entries that
 * cannot be close code names: a code outside 3000–4999, an empty name, or a name that is
 * not lower snake_case.
 *
 * <p>
 * It carries every bad entry with its {@link ConfigurationProperty}, so that
 * {@link InvalidCloseCodeNamesFailureAnalyzer} can say where each came from.
 */
final class InvalidCloseCodeNamesException extends RuntimeException {

	private final List<InvalidName> invalidNames;

	InvalidCloseCodeNamesException(List<InvalidName> invalidNames) {
		super(invalidNames.stream()
			.map((invalid) -> invalid.property().getName() + ": " + invalid.problem())
			.collect(Collectors.joining("; ", "Invalid close code names: ", "")));
		this.invalidNames = invalidNames;
	}

	List<InvalidName> getInvalidNames() {
		return this.invalidNames;
	}

	/**
	 * One bad {@code wsclose.codes} entry.
	 *
	 * @param property the property as bound, with its name, value and origin
	 * @param code the close code the entry names
	 * @param problem what is wrong with it, as a sentence
	 * @param suggestion the snake_case name to use instead, if one can be made
	 */
	record InvalidName(ConfigurationProperty property, int code, String problem, @Nullable String suggestion) {

	}

}
