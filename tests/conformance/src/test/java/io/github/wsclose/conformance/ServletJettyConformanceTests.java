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
 * The conformance suite on Jetty 12.1, servlet stack (Spring's Jetty upgrade strategy).
 * Jetty answers a close frame it cannot accept with 1002 (1007 for a reason that is not
 * UTF-8, 1009 for a message too big) and reports its error to the session first, so such
 * closes are not clean and their initiator is unknown; it reports an empty close frame as
 * 1005 and answers it with an empty one; it reports a dropped connection as a
 * {@code ClosedChannelException}; a close of the application that the client never
 * answers ends as 1006; its idle timeout is 1001 with a
 * {@code WebSocketTimeoutException}.
 */
class ServletJettyConformanceTests extends CloseConformanceTests {

	static final String MESSAGE_TOO_BIG = "Text message too large: 69,618 > 65,536";

	ServletJettyConformanceTests() {
		super(ServerUnderTest.SERVLET_JETTY);
	}

	@Override
	Outcome expected(CloseCase closeCase) {
		return switch (closeCase) {
			case CLOSE_AFTER_LARGE_MESSAGE -> jettyError(1009, MESSAGE_TOO_BIG, "MessageTooLargeException");
			case EMPTY_PAYLOAD -> new Outcome(1005, null, true, Initiator.CLIENT, null, "empty");
			case ONE_BYTE_PAYLOAD -> jettyError(1002, "Invalid CLOSE payload", "ProtocolException");
			case REASON_TOO_LONG -> jettyError(1002, "Invalid control frame payload length, [126] cannot exceed [125]",
					"ProtocolException");
			case INVALID_UTF8_REASON -> jettyError(1007, "Invalid UTF-8", "BadPayloadException");
			case DROP, DROP_MID_FRAME, RESET -> Outcome.noCloseFrame("ClosedChannelException");
			case SERVER_CLOSE_UNANSWERED ->
				new Outcome(1006, null, false, Initiator.SERVER, "ClosedChannelException", "4001");
			case HANDLER_ERROR -> new Outcome(1011, null, true, Initiator.SERVER, null, "1011");
			case IDLE_TIMEOUT -> jettyError(1001, "Connection Idle Timeout", "WebSocketTimeoutException");
			default -> (closeCase.group() == CloseCase.Group.INVALID_CODE)
					? jettyError(1002, "Invalid CLOSE Code: " + closeCase.code(), "ProtocolException")
					: agreed(closeCase);
		};
	}

	/**
	 * A session that Jetty's stuck writes keep from closing with 4500 ends at Jetty's
	 * idle timeout.
	 */
	@Override
	Outcome sendLimitExceeded() {
		return new Outcome(1001, "Connection Idle Timeout", false, Initiator.SERVER, "WebSocketTimeoutException",
				CloseCase.NOT_READ);
	}

	private static Outcome jettyError(int code, String reason, String error) {
		return new Outcome(code, reason, false, Initiator.UNKNOWN, error, Integer.toString(code));
	}

	/**
	 * SockJS ends a session whose client vanished by itself on the HTTP transports (1011
	 * after a failed heartbeat write, 3000 after the disconnect delay); on the WebSocket
	 * transport the container sees the connection end first.
	 */
	@Override
	Outcome sockJsClientVanished(SockJsCase sockJsCase) {
		return switch (sockJsCase) {
			case WEBSOCKET_DROP -> Outcome.noCloseFrame("ClosedChannelException");
			case XHR_POLLING_STOP, XHR_POLLING_CLIENT_CLOSE -> new Outcome(3000, "Go away!", false, Initiator.SERVER,
					"SockJsTransportFailureException", CloseCase.NOT_READ);
			default ->
				new Outcome(1011, null, false, Initiator.SERVER, "SockJsTransportFailureException", CloseCase.NOT_READ);
		};
	}

}
