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

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket close code, classified: its human name, the low-cardinality value it is
 * tagged with, its {@link CloseCategory category} and whether it may be sent in a Close
 * frame.
 *
 * <p>
 * {@link #of(int)} is a pure function from any {@code int}, following RFC 6455 §7.4, the
 * IANA WebSocket Close Code Number registry and the MDN {@code CloseEvent} tables. Codes
 * named by the application (3000–4999) come from a {@link CloseCodeCatalog}. Instances
 * are immutable and compare equal when code, name and category are equal.
 *
 * @since 0.1.0
 */
public final class CloseCode {

	private static final int FIRST_STANDARD = 1000;

	private static final CloseCode[] STANDARD = { standard(1000, "Normal Closure", "normal_closure", true),
			standard(1001, "Going Away", "going_away", true), standard(1002, "Protocol Error", "protocol_error", true),
			standard(1003, "Unsupported Data", "unsupported_data", true),
			new CloseCode(1004, "Reserved", "reserved", CloseCategory.RESERVED, false, "1004"),
			standard(1005, "No Status Received", "no_status_received", false),
			standard(1006, "Abnormal Closure", "abnormal_closure", false),
			standard(1007, "Invalid Frame Payload Data", "invalid_frame_payload_data", true),
			standard(1008, "Policy Violation", "policy_violation", true),
			standard(1009, "Message Too Big", "message_too_big", true),
			standard(1010, "Mandatory Extension", "mandatory_extension", true),
			standard(1011, "Internal Error", "internal_error", true),
			standard(1012, "Service Restart", "service_restart", true),
			standard(1013, "Try Again Later", "try_again_later", true),
			standard(1014, "Bad Gateway", "bad_gateway", true),
			standard(1015, "TLS Handshake", "tls_handshake", false) };

	private static final int LAST_STANDARD = FIRST_STANDARD + STANDARD.length - 1;

	/**
	 * {@code 1000 Normal Closure}.
	 */
	public static final CloseCode NORMAL_CLOSURE = STANDARD[0];

	/**
	 * {@code 1005 No Status Received}: a Close frame carried no code.
	 */
	public static final CloseCode NO_STATUS_RECEIVED = STANDARD[1005 - FIRST_STANDARD];

	/**
	 * {@code 1006 Abnormal Closure}: the connection ended with no Close frame.
	 */
	public static final CloseCode ABNORMAL_CLOSURE = STANDARD[1006 - FIRST_STANDARD];

	/**
	 * {@code 1015 TLS Handshake}: the TLS handshake failed.
	 */
	public static final CloseCode TLS_HANDSHAKE = STANDARD[1015 - FIRST_STANDARD];

	private final int code;

	private final String name;

	private final String tagValue;

	private final CloseCategory category;

	private final boolean sendable;

	private final String codeTagValue;

	private CloseCode(int code, String name, String tagValue, CloseCategory category, boolean sendable,
			String codeTagValue) {
		this.code = code;
		this.name = name;
		this.tagValue = tagValue;
		this.category = category;
		this.sendable = sendable;
		this.codeTagValue = codeTagValue;
	}

	private static CloseCode standard(int code, String name, String tagValue, boolean sendable) {
		return new CloseCode(code, name, tagValue, CloseCategory.STANDARD, sendable, Integer.toString(code));
	}

	/**
	 * Classify any {@code int} as a close code, with no application names applied.
	 * @param code the close code, as received, sent or reported
	 * @return the classified code, never {@code null}
	 */
	public static CloseCode of(int code) {
		if (code >= FIRST_STANDARD && code <= LAST_STANDARD) {
			return STANDARD[code - FIRST_STANDARD];
		}
		if (code < 0 || code > 4999) {
			return new CloseCode(code, "Invalid", "invalid", CloseCategory.INVALID, false, "other");
		}
		if (code < 1000) {
			return new CloseCode(code, "Unused", "unused", CloseCategory.UNUSED, false, "other");
		}
		if (code < 3000) {
			return new CloseCode(code, "Reserved", "reserved", CloseCategory.RESERVED, false, "other");
		}
		if (code < 4000) {
			return new CloseCode(code, "Registered (libraries, frameworks)", "registered", CloseCategory.REGISTERED,
					true, "3xxx");
		}
		return new CloseCode(code, "Private (application)", "private", CloseCategory.PRIVATE, true, "4xxx");
	}

	/**
	 * Return a copy of this code that carries an application-given name: the name becomes
	 * {@link #name()} and {@link #tagValue()}, and the code is tagged with its exact
	 * value.
	 * @param applicationName the name, already validated by the {@link CloseCodeCatalog}
	 * @return the named code
	 */
	CloseCode named(String applicationName) {
		return new CloseCode(this.code, applicationName, applicationName, this.category, this.sendable,
				Integer.toString(this.code));
	}

	/**
	 * Return the numeric close code.
	 * @return the code, as given to {@link #of(int)}
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Return the human name of the code, for example {@code Normal Closure}, or the
	 * application's name for a named code.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the low-cardinality value of the {@code status} tag, in snake case, for
	 * example {@code normal_closure}, {@code private}, or the application's name.
	 * @return the status tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

	/**
	 * Return the bounded value of the {@code code} tag: the decimal code for 1000–1015
	 * and for named codes, {@code 3xxx} or {@code 4xxx} for unnamed codes in those
	 * ranges, and {@code other} for everything else.
	 * @return the code tag value
	 */
	public String codeTagValue() {
		return this.codeTagValue;
	}

	/**
	 * Return the category of the code.
	 * @return the category
	 */
	public CloseCategory category() {
		return this.category;
	}

	/**
	 * Return whether this code may appear in a Close frame on the wire (RFC 6455 §7.4.1:
	 * 1005, 1006 and 1015 are only reported, never sent; reserved and unused codes are
	 * never valid).
	 * @return whether the code is sendable
	 */
	public boolean sendable() {
		return this.sendable;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof CloseCode that && this.code == that.code && this.name.equals(that.name)
				&& this.category == that.category;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.code, this.name, this.category);
	}

	@Override
	public String toString() {
		return this.code + " " + this.name;
	}

}
