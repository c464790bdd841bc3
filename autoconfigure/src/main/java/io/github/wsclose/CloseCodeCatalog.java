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
import java.util.Locale;
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
 * exact code. A name is a tag value, so it is lower snake_case: a lower-case letter, then
 * up to 62 lower-case letters, digits and {@code _} ({@value #NAME_PATTERN}); names are
 * trimmed first. {@link #snakeCaseName(String)} turns a name of another form into one.
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

	/**
	 * The form of a close code name: lower snake_case, as every tag value.
	 */
	public static final String NAME_PATTERN = "[a-z][a-z0-9_]{0,62}";

	/**
	 * The lowest code an application can name.
	 */
	public static final int FIRST_NAMEABLE = 3000;

	/**
	 * The highest code an application can name.
	 */
	public static final int LAST_NAMEABLE = 4999;

	private static final int MAX_NAME_LENGTH = 63;

	private static final Pattern VALID_NAME = Pattern.compile(NAME_PATTERN);

	private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

	private static final Pattern NOT_SNAKE = Pattern.compile("[^a-z0-9]+");

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

	private static String validate(@Nullable Integer code, @Nullable String name) {
		if (code == null || !isNameable(code)) {
			throw new IllegalArgumentException("Close code " + code
					+ " cannot be named: only codes 3000-4999 (registered and private) take application names");
		}
		String trimmed = (name != null) ? name.trim() : "";
		if (!isValidName(trimmed)) {
			String suggestion = snakeCaseName(trimmed);
			throw new IllegalArgumentException(
					"Close code " + code + " has an invalid name '" + name + "': a name is lower snake_case, "
							+ NAME_PATTERN + ((suggestion != null) ? ", such as '" + suggestion + "'" : ""));
		}
		return trimmed;
	}

	/**
	 * Return whether an application can name a close code: whether it is in 3000–4999.
	 * @param code any close code
	 * @return whether the code can be named
	 */
	public static boolean isNameable(int code) {
		return code >= FIRST_NAMEABLE && code <= LAST_NAMEABLE;
	}

	/**
	 * Return whether a name is a valid close code name, {@value #NAME_PATTERN}, as it
	 * stands (not trimmed).
	 * @param name a name
	 * @return whether it is lower snake_case and at most 63 characters long
	 */
	public static boolean isValidName(@Nullable String name) {
		return name != null && VALID_NAME.matcher(name).matches();
	}

	/**
	 * Turn a name of another form into the lower snake_case name it most likely means:
	 * {@code RoomFull}, {@code room full}, {@code room-full} and {@code room.full} all
	 * become {@code room_full}; a name that starts with a digit is given a {@code code_}
	 * prefix, and a name too long is cut to 63 characters.
	 * @param name a name of any form
	 * @return the snake_case name, or {@code null} when the name has no letter or digit
	 * to make one from
	 */
	public static @Nullable String snakeCaseName(@Nullable String name) {
		if (name == null) {
			return null;
		}
		String words = WORD_BOUNDARY.matcher(name.trim()).replaceAll("_").toLowerCase(Locale.ROOT);
		String snake = NOT_SNAKE.matcher(words).replaceAll("_");
		snake = trimUnderscores(snake);
		if (snake.isEmpty()) {
			return null;
		}
		if (!Character.isLetter(snake.charAt(0))) {
			snake = "code_" + snake;
		}
		if (snake.length() > MAX_NAME_LENGTH) {
			snake = trimUnderscores(snake.substring(0, MAX_NAME_LENGTH));
		}
		return snake;
	}

	private static String trimUnderscores(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && text.charAt(start) == '_') {
			start++;
		}
		while (end > start && text.charAt(end - 1) == '_') {
			end--;
		}
		return text.substring(start, end);
	}

	/**
	 * Classify a close code with this catalog's names applied.
	 * @param code any close code
	 * @return the classified code
	 */
	public CloseCode classify(int code) {
		if (isNameable(code)) {
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
