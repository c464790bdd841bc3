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

import org.jspecify.annotations.Nullable;

/**
 * The cuts applied to text that peers and sessions supply before it is kept or shown:
 * close reasons, session ids and transport error messages.
 *
 * <p>
 * The log lines ({@link LogSafe}), the report and anything else that keeps such text use
 * these limits, so no peer can make them keep more than a few hundred characters per
 * close.
 *
 * @since 0.1.0
 */
public final class PeerText {

	/**
	 * The most UTF-8 bytes of a reason that are kept: the most a close frame can carry.
	 */
	public static final int MAX_REASON_BYTES = 123;

	/**
	 * The most characters of other text (a transport error description, a log value) that
	 * are kept.
	 */
	public static final int MAX_LENGTH = 256;

	private PeerText() {
	}

	/**
	 * Return the text cut to {@code max} characters, never between the two halves of a
	 * surrogate pair.
	 * @param text the text
	 * @param max the most characters to keep
	 * @return the text, or its beginning
	 */
	public static String cut(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = max;
		if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end);
	}

	/**
	 * Return a reason cut to {@value #MAX_REASON_BYTES} UTF-8 bytes, never inside a
	 * character.
	 * @param reason the reason, or {@code null}
	 * @return the reason, or its beginning, or {@code null}
	 */
	public static @Nullable String cutReason(@Nullable String reason) {
		if (reason == null) {
			return null;
		}
		if (reason.length() * 3 <= MAX_REASON_BYTES
				|| reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
			return reason;
		}
		int bytes = 0;
		int end = 0;
		while (end < reason.length()) {
			int codePoint = reason.codePointAt(end);
			int length = utf8Length(codePoint);
			if (bytes + length > MAX_REASON_BYTES) {
				break;
			}
			bytes += length;
			end += Character.charCount(codePoint);
		}
		return reason.substring(0, end);
	}

	/**
	 * Return a transport error as its class name and message, cut to {@value #MAX_LENGTH}
	 * characters.
	 * @param error the error, or {@code null}
	 * @return the description, or {@code null}
	 */
	public static @Nullable String describe(@Nullable Throwable error) {
		if (error == null) {
			return null;
		}
		String message = error.getMessage();
		return cut((message != null) ? error.getClass().getName() + ": " + message : error.getClass().getName(),
				MAX_LENGTH);
	}

	private static int utf8Length(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

}
