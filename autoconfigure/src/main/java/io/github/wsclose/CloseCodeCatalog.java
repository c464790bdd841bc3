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

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The close codes an application has named, applied on top of {@link CloseCode#of(int)}.
 *
 * <p>
 * Only codes in 3000–4999 can be named; a named code keeps its category, takes the name
 * as {@link CloseCode#name()} and {@link CloseCode#tagValue()}, and is tagged with its
 * exact code. Names are 1 to 64 characters of letters, digits, {@code _}, {@code -} and
 * {@code .}, starting with a letter or digit, so that they are safe as tag values.
 * Spring's own {@code 4500} ({@code CloseStatus.SESSION_NOT_RELIABLE}) is named
 * {@value #SESSION_NOT_RELIABLE_NAME} unless the application renames it.
 *
 * @since 0.1.0
 */
public final class CloseCodeCatalog {

	/**
	 * The name {@code 4500} has out of the box.
	 */
	public static final String SESSION_NOT_RELIABLE_NAME = "session_not_reliable";

	private static final int FIRST_NAMEABLE = 3000;

	private static final int LAST_NAMEABLE = 4999;

	private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	private static final CloseCodeCatalog DEFAULTS = of(Map.of());

	private final Map<Integer, String> names;

	private final @Nullable CloseCode[] named = new CloseCode[LAST_NAMEABLE - FIRST_NAMEABLE + 1];

	private CloseCodeCatalog(Map<Integer, String> names) {
		this.names = Collections.unmodifiableMap(names);
		names.forEach((code, name) -> this.named[code - FIRST_NAMEABLE] = CloseCode.of(code).named(name));
	}

	/**
	 * Return the catalog with only the names that come out of the box.
	 * @return the default catalog
	 */
	public static CloseCodeCatalog defaults() {
		return DEFAULTS;
	}

	/**
	 * Create a catalog from the application's names, on top of the names that come out of
	 * the box.
	 * @param applicationNames names by close code; each code must be in 3000–4999
	 * @return the catalog
	 * @throws IllegalArgumentException if a code is outside 3000–4999 or a name is not
	 * valid
	 */
	public static CloseCodeCatalog of(Map<Integer, String> applicationNames) {
		Map<Integer, String> names = new TreeMap<>();
		names.put(4500, SESSION_NOT_RELIABLE_NAME);
		applicationNames.forEach((code, name) -> names.put(code, validate(code, name)));
		return new CloseCodeCatalog(names);
	}

	private static String validate(Integer code, String name) {
		if (code == null || code < FIRST_NAMEABLE || code > LAST_NAMEABLE) {
			throw new IllegalArgumentException("Close code " + code
					+ " cannot be named: only codes 3000-4999 (registered and private) take application names");
		}
		String trimmed = (name != null) ? name.trim() : "";
		if (!VALID_NAME.matcher(trimmed).matches()) {
			throw new IllegalArgumentException("Close code " + code + " has an invalid name '" + name
					+ "': use 1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit");
		}
		return trimmed;
	}

	/**
	 * Classify a close code with this catalog's names applied.
	 * @param code any close code
	 * @return the classified code
	 */
	public CloseCode classify(int code) {
		if (code >= FIRST_NAMEABLE && code <= LAST_NAMEABLE) {
			CloseCode named = this.named[code - FIRST_NAMEABLE];
			if (named != null) {
				return named;
			}
		}
		return CloseCode.of(code);
	}

	/**
	 * Return the named codes of this catalog, including the ones that come out of the
	 * box, in ascending order of code.
	 * @return an unmodifiable map of names by code
	 */
	public Map<Integer, String> names() {
		return this.names;
	}

}
