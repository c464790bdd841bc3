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
 * Makes text that came from a peer safe to put in a log line: control characters (CR, LF,
 * ESC and the rest of C0 and C1) and unpaired surrogates are escaped, and long text is
 * cut.
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
		for (int i = 0; i < kept.length(); i++) {
			char c = kept.charAt(i);
			if (c == '"' || c == '\\') {
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
			else if (Character.isISOControl(c) || isUnpairedSurrogate(kept, i, c) || c == '\u2028' || c == '\u2029') {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		if (kept.length() < text.length()) {
			out.append("...");
		}
		return out.append('"').toString();
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
