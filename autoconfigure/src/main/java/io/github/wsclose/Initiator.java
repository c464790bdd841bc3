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
 * Which side started the close of a WebSocket session.
 *
 * @since 0.1.0
 */
public enum Initiator {

	/**
	 * This side closed first: the application, the framework or the container of this
	 * server.
	 */
	SERVER,

	/**
	 * The peer's close frame came first.
	 */
	CLIENT,

	/**
	 * Neither side is known to have started the close, for example when the connection
	 * ended with no close frame.
	 */
	UNKNOWN;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the lower-case name used as the {@code initiator} tag value.
	 * @return the tag value, for example {@code client}
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
