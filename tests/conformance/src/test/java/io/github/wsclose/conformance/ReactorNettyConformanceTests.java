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

import java.io.IOException;
import java.time.Duration;

import io.github.wsclose.CloseCause;
import io.github.wsclose.Initiator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The conformance suite on Reactor Netty. Netty fails a close frame with an invalid code
 * below 3000 (or a reason that is not UTF-8) by closing the connection with no close
 * frame, and one with a bad length by sending 1002, and reports neither as a close status
 * (1006); it echoes codes of 5000 and above, which Spring's {@code CloseStatus} refuses,
 * so the close status fails and the close is reported as a failed transport (1006); it
 * reports an empty close frame as 1005 and answers it with an empty one. Reactor Netty
 * has no idle timeout for WebSocket connections, and logs an error of its own when a
 * connection closes in the middle of a fragmented message.
 */
class ReactorNettyConformanceTests extends CloseConformanceTests {

	ReactorNettyConformanceTests() {
		super(ServerUnderTest.REACTOR_NETTY);
	}

	@Override
	Outcome expected(CloseCase closeCase) {
		return switch (closeCase) {
			case CLOSE_AFTER_LARGE_MESSAGE -> Outcome.noCloseFrame(null).withSent("1009");
			case EMPTY_PAYLOAD -> new Outcome(1005, null, true, Initiator.CLIENT, null, "empty");
			case ONE_BYTE_PAYLOAD, REASON_TOO_LONG -> Outcome.noCloseFrame(null).withSent("1002");
			case INVALID_UTF8_REASON -> Outcome.noCloseFrame(null).withSent("none");
			// Netty echoes the code, but Spring's CloseStatus refuses it: closeStatus()
			// fails
			case CODE_5000, CODE_65535 ->
				Outcome.noCloseFrame("IllegalArgumentException").withSent(Integer.toString(closeCase.code()));
			case DROP, DROP_MID_FRAME -> Outcome.noCloseFrame(null);
			// Netty makes its own 1002 of the reset, but no close frame came: 1006
			case RESET -> Outcome.noCloseFrame("NativeIoException");
			case SERVER_CLOSE_UNANSWERED -> new Outcome(4001, "bye", true, Initiator.SERVER, null, "4001");
			// the handler's error reaches send() just after Netty closed: it is kept
			case HANDLER_ERROR -> new Outcome(1006, null, false, Initiator.SERVER, "IllegalStateException", "empty");
			default -> (closeCase.group() == CloseCase.Group.INVALID_CODE) ? Outcome.noCloseFrame(null).withSent("none")
					: agreed(closeCase);
		};
	}

	/**
	 * Reactor Netty ends a session whose peer broke the protocol, or sent a message too
	 * big, with no close status Spring can see: the broader {@code connection_lost}. A
	 * handler whose pipeline errors inside {@code receive()} has cancelled its inbound
	 * messages first, which has Reactor Netty close the session: {@code application}.
	 */
	@Override
	CloseCause expectedCause(CloseCase closeCase) {
		return switch (closeCase) {
			case CLOSE_AFTER_LARGE_MESSAGE, ONE_BYTE_PAYLOAD, REASON_TOO_LONG, INVALID_UTF8_REASON ->
				CloseCause.CONNECTION_LOST;
			// the handler's concatMap errors and cancels its inbound messages first:
			// Reactor Netty closes the session on that cancel
			case HANDLER_ERROR -> CloseCause.APPLICATION;
			default -> (closeCase.group() == CloseCase.Group.INVALID_CODE) ? CloseCause.CONNECTION_LOST
					: super.expectedCause(closeCase);
		};
	}

	@Override
	@Nullable String notApplicable(CloseCase closeCase) {
		return (closeCase == CloseCase.IDLE_TIMEOUT) ? "no idle timeout for WebSocket connections" : null;
	}

	/**
	 * Runs last: starting a second application resets the logging system, and with it the
	 * collection of this suite's log lines.
	 */
	@Test
	@Order(200)
	void fragmentCutByACloseIsLoggedAsAnErrorByReactorNettyEvenWithoutWsclose() throws IOException {
		try (RunningServer withoutWsclose = ServerUnderTest.REACTOR_NETTY.start("wsclose.enabled=false");
				ContainerLog log = ContainerLog.collect()) {
			assertThat(CloseCase.CLOSE_BETWEEN_FRAGMENTS.play(withoutWsclose.port())).isEqualTo("1000");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(log.problems())
					.anySatisfy((line) -> assertThat(line).contains("PrematureChannelClosureException")));
			assertThat(withoutWsclose.events().all()).isEmpty();
		}
	}

	/**
	 * Reactor Netty logs {@code PrematureChannelClosureException} at {@code ERROR} when a
	 * connection closes while Spring's frame aggregator holds the first fragment of a
	 * message (Autobahn 7.1.5), with or without wsclose.
	 */
	@Override
	boolean expectedLogLine(String line) {
		return super.expectedLogLine(line) || (line.startsWith("[" + CloseCase.CLOSE_BETWEEN_FRAGMENTS.id() + "]")
				&& line.contains("PrematureChannelClosureException"));
	}

}
