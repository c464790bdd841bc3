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

package io.github.wsclose.conformance;

import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketSessionClosedEvent;
import org.jspecify.annotations.Nullable;

/**
 * What the starter reported for a session, and what close frame the client received.
 *
 * @param code the reported close code
 * @param reason the reported reason
 * @param clean whether the close was reported clean
 * @param initiator who was reported to have started the close
 * @param transportError the simple name of the reported transport error's class, if any
 * @param sent what close frame the client received: its code, {@code "empty"},
 * {@code "none"}, or {@value CloseCase#NOT_READ}
 */
record Outcome(int code, @Nullable String reason, boolean clean, Initiator initiator, @Nullable String transportError,
		String sent) {

	static Outcome of(WebSocketSessionClosedEvent event, String sent) {
		Throwable error = event.getTransportError();
		return new Outcome(event.getCode(), event.getReason(), event.isClean(), event.getInitiator(),
				(error != null) ? error.getClass().getSimpleName() : null, sent);
	}

	/**
	 * The client's close frame came first and was answered.
	 * @param code the code reported and sent back
	 * @param reason the reason reported
	 * @return the outcome
	 */
	static Outcome clientClose(int code, @Nullable String reason) {
		return new Outcome(code, reason, true, Initiator.CLIENT, null, Integer.toString(code));
	}

	/**
	 * The connection ended with no close frame.
	 * @param transportError the transport error the server reports, if any
	 * @return the outcome
	 */
	static Outcome noCloseFrame(@Nullable String transportError) {
		return new Outcome(1006, null, false, Initiator.UNKNOWN, transportError, CloseCase.NOT_READ);
	}

	Outcome withSent(String sent) {
		return new Outcome(this.code, this.reason, this.clean, this.initiator, this.transportError, sent);
	}

	Outcome withReason(@Nullable String reason) {
		return new Outcome(this.code, reason, this.clean, this.initiator, this.transportError, this.sent);
	}

}
