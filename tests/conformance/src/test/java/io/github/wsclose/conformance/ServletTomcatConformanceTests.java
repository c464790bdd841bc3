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

import io.github.wsclose.CloseCause;
import io.github.wsclose.Initiator;

/**
 * The conformance suite on Tomcat 11, servlet stack. Tomcat answers a close frame it
 * cannot accept with 1002 and reports 1002, with its own explanation as the reason for a
 * malformed frame; it takes 1012-1014 for invalid codes; it reports an empty close frame
 * as 1000; it reports a dropped connection as a transport error; and it closes a message
 * too big (1009) or an idle session (1006, 1001 to the client) by itself, without the
 * session, so those closes are not seen as the server's.
 */
class ServletTomcatConformanceTests extends CloseConformanceTests {

	static final String MESSAGE_TOO_BIG = "The decoded text message was too big for the output buffer and the "
			+ "endpoint does not support partial messages";

	ServletTomcatConformanceTests() {
		super(ServerUnderTest.SERVLET_TOMCAT);
	}

	@Override
	Outcome expected(CloseCase closeCase) {
		return tomcat(closeCase);
	}

	@Override
	Outcome sendLimitExceeded() {
		return new Outcome(4500, "Failed to send message within the configured send limit", true, Initiator.SERVER,
				null, CloseCase.NOT_READ);
	}

	/**
	 * Tomcat writes the 4500 close frame behind the messages stuck in a socket the client
	 * no longer reads: on a quiet machine the frame gets out; on a busy one (seen once in
	 * CI) the write timed out and the session failed with a
	 * {@code SocketTimeoutException}, which wsclose reports as not clean.
	 */
	@Override
	Outcome sendLimitExceededOnABusyMachine() {
		return new Outcome(4500, "Failed to send message within the configured send limit", false, Initiator.SERVER,
				"SocketTimeoutException", CloseCase.NOT_READ);
	}

	@Override
	CloseCause expectedCause(CloseCase closeCase) {
		return tomcatCause(closeCase, super.expectedCause(closeCase));
	}

	/**
	 * Why Tomcat says a case's session ended, on either stack: it answers 1012, 1013 and
	 * 1014 as codes it does not know, with its own 1002.
	 * @param closeCase the case
	 * @param agreed what the servers agree on
	 * @return the cause
	 */
	static CloseCause tomcatCause(CloseCase closeCase, CloseCause agreed) {
		return switch (closeCase) {
			case CODE_1012, CODE_1013, CODE_1014 -> CloseCause.PROTOCOL_ERROR;
			default -> agreed;
		};
	}

	/**
	 * What Tomcat reports on either stack, but for a handler's error.
	 * @param closeCase the case
	 * @return the outcome
	 */
	static Outcome tomcat(CloseCase closeCase) {
		return switch (closeCase) {
			case CLOSE_AFTER_LARGE_MESSAGE -> new Outcome(1009, MESSAGE_TOO_BIG, true, Initiator.CLIENT, null, "1009");
			case EMPTY_PAYLOAD -> Outcome.clientClose(1000, null);
			case ONE_BYTE_PAYLOAD -> Outcome.clientClose(1002,
					"The client sent a close frame with a single byte payload which is not valid");
			case REASON_TOO_LONG -> Outcome.clientClose(1002,
					"A control frame was sent with a payload of size [126] which is larger than the maximum permitted of 125 bytes");
			case INVALID_UTF8_REASON -> Outcome.clientClose(1002,
					"A WebSocket close frame was received with a close reason that contained invalid UTF-8 byte sequences");
			case CODE_1012, CODE_1013, CODE_1014 -> Outcome.clientClose(1002, null);
			case DROP, DROP_MID_FRAME -> Outcome.noCloseFrame("EOFException");
			case RESET -> Outcome.noCloseFrame("SocketException");
			case SERVER_CLOSE_UNANSWERED -> new Outcome(4001, "bye", true, Initiator.SERVER, null, "4001");
			case HANDLER_ERROR -> new Outcome(1011, null, true, Initiator.SERVER, null, "1011");
			case IDLE_TIMEOUT -> new Outcome(1006, null, false, Initiator.UNKNOWN, null, "1001");
			default -> (closeCase.group() == CloseCase.Group.INVALID_CODE) ? Outcome.clientClose(1002, null)
					: agreed(closeCase);
		};
	}

	/**
	 * SockJS ends a session whose client vanished by itself on the HTTP transports (1011
	 * after a failed heartbeat write, 3000 after the disconnect delay); on the WebSocket
	 * transport the container sees the connection end first.
	 */
	@Override
	Outcome sockJsClientVanished(SockJsCase sockJsCase) {
		return switch (sockJsCase) {
			case WEBSOCKET_DROP -> Outcome.noCloseFrame("EOFException");
			case XHR_POLLING_STOP, XHR_POLLING_CLIENT_CLOSE -> new Outcome(3000, "Go away!", false, Initiator.SERVER,
					"SockJsTransportFailureException", CloseCase.NOT_READ);
			default ->
				new Outcome(1011, null, false, Initiator.SERVER, "SockJsTransportFailureException", CloseCase.NOT_READ);
		};
	}

}
