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

/**
 * The conformance suite on Jetty 12.1 under WebFlux. Spring's WebFlux adapter for Jetty
 * does not pass Jetty's errors on, so the closes Jetty fails (1002, 1007, 1009, its idle
 * timeout) are reported clean and as the client's; it answers every close frame with
 * 1000; it reports an empty close frame as 1005; a close of the application that the
 * client never answers ends as 1006; a handler's error is sent as 1011 with the
 * exception's message.
 */
class WebFluxJettyConformanceTests extends CloseConformanceTests {

	WebFluxJettyConformanceTests() {
		super(ServerUnderTest.WEBFLUX_JETTY);
	}

	@Override
	Outcome expected(CloseCase closeCase) {
		return switch (closeCase) {
			case CLOSE_AFTER_LARGE_MESSAGE -> Outcome.clientClose(1009, ServletJettyConformanceTests.MESSAGE_TOO_BIG);
			case EMPTY_PAYLOAD -> Outcome.clientClose(1005, null).withSent("1000");
			case ONE_BYTE_PAYLOAD -> Outcome.clientClose(1002, "Invalid CLOSE payload");
			case REASON_TOO_LONG ->
				Outcome.clientClose(1002, "Invalid control frame payload length, [126] cannot exceed [125]");
			case INVALID_UTF8_REASON -> Outcome.clientClose(1007, "Invalid UTF-8");
			case DROP, DROP_MID_FRAME, RESET -> Outcome.noCloseFrame(null);
			case SERVER_CLOSE_UNANSWERED -> new Outcome(1006, null, false, Initiator.SERVER, null, "4001");
			case HANDLER_ERROR -> new Outcome(1011, "boom", false, Initiator.SERVER, "IllegalStateException", "1011");
			case IDLE_TIMEOUT -> Outcome.clientClose(1001, "Connection Idle Timeout");
			default -> switch (closeCase.group()) {
				case INVALID_CODE -> Outcome.clientClose(1002, "Invalid CLOSE Code: " + closeCase.code());
				case VALID_CODE -> agreed(closeCase).withSent("1000");
				default -> agreed(closeCase);
			};
		};
	}

}
