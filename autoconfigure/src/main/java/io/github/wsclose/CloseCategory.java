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

import java.util.Locale;

/**
 * The range of the WebSocket close-code space a {@link CloseCode} falls in, following RFC
 * 6455 §7.4.2 and the IANA WebSocket Close Code Number registry.
 *
 * @since 0.1.0
 */
public enum CloseCategory {

	/**
	 * Outside the 16-bit range a close code may take on the wire: below 0 or above 4999.
	 */
	INVALID,

	/**
	 * 0–999: not used by the protocol.
	 */
	UNUSED,

	/**
	 * A code defined by RFC 6455 or registered with IANA in 1000–1015.
	 */
	STANDARD,

	/**
	 * Reserved for future versions of the protocol: 1004 and 1016–2999.
	 */
	RESERVED,

	/**
	 * 3000–3999: registered with IANA for libraries, frameworks and applications.
	 */
	REGISTERED,

	/**
	 * 4000–4999: private use, for applications.
	 */
	PRIVATE;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the lower-case name used as the {@code category} tag value.
	 * @return the tag value, for example {@code standard}
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
