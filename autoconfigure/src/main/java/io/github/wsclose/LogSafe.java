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

import org.jspecify.annotations.Nullable;

/**
 * Makes text that came from a peer safe to put in a log line or a report: C0 and C1
 * control characters (CR, LF and ESC, which starts terminal escape sequences, among
 * them), U+2028 and U+2029, the bidirectional controls (U+202A–U+202E, U+2066–U+2069) and
 * unpaired surrogates are escaped, and long text is cut.
 *
 * @since 0.1.0
 */
public final class LogSafe {

	private LogSafe() {
	}

	/**
	 * Return the text escaped and in double quotes, or {@code null} unquoted.
	 * @param text peer-supplied text, such as a close reason
	 * @return the quoted, escaped text
	 */
	public static String quote(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		String kept = PeerText.cut(text, PeerText.MAX_LENGTH);
		StringBuilder out = new StringBuilder(kept.length() + 8).append('"');
		appendEscaped(kept, true, out);
		if (kept.length() < text.length()) {
			out.append("...");
		}
		return out.append('"').toString();
	}

	/**
	 * Return the text escaped, unquoted, for a value that is shown rather than logged
	 * (the {@code websocketcloses} report): cut to {@code max} characters, with what a
	 * terminal, a log viewer or a browser would interpret escaped.
	 * @param text peer-supplied text
	 * @param max the most characters of the text to keep
	 * @return the escaped text
	 */
	public static String escape(String text, int max) {
		String kept = PeerText.cut(text, max);
		StringBuilder out = new StringBuilder(kept.length() + 8);
		appendEscaped(kept, false, out);
		return out.toString();
	}

	/**
	 * Return whether a character must not reach a log or a report as it is: C0 and C1
	 * controls (CR, LF and ESC, which starts terminal escape sequences, among them), the
	 * line and paragraph separators, and the bidirectional controls that reorder what a
	 * reader sees (U+202A–U+202E, U+2066–U+2069).
	 * @param c the character
	 * @return whether it is escaped
	 */
	static boolean isUnsafe(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
				|| (c >= '\u2066' && c <= '\u2069');
	}

	private static void appendEscaped(String text, boolean quoted, StringBuilder out) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted && (c == '"' || c == '\\')) {
				out.append('\\').append(c);
			}
			else if (c == '\n') {
				out.append("\\n");
			}
			else if (c == '\r') {
				out.append("\\r");
			}
			else if (c == '\t') {
				out.append("\\t");
			}
			else if (isUnsafe(c) || isUnpairedSurrogate(text, i, c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
	}

	private static boolean isUnpairedSurrogate(String text, int i, char c) {
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
		}
		return false;
	}

}
