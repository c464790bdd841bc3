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

package io.github.wsclose.reactive.it;

import java.io.IOException;

import io.github.wsclose.CloseCause;
import io.github.wsclose.Initiator;
import io.github.wsclose.testsupport.RawWebSocketClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Close reporting of WebFlux on Reactor Netty.
 */
@SpringBootTest(classes = { WebFluxTestApplication.class, Servers.ReactorNetty.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wsclose.codes.4001=unauthorized")
class ReactorNettyCloseReportingTests extends CloseReportingScenarios {

	/**
	 * A handler that never reads and never ends learns nothing of the close, and neither
	 * does the decorator from the handler: the close is reported from the close status,
	 * once the grace period for the handler has passed.
	 */
	@Test
	void handlerThatNeitherReadsNorEndsIsReportedAfterTheClientClosed() throws IOException {
		int answered;
		try (RawWebSocketClient client = RawWebSocketClient.connect(port(), "/rooms/idle?idle")) {
			client.sendClose(1001, "bye");
			answered = client.readUntilClose().closeCode();
		}
		Expected expected = new Expected(1001, "bye", true, Initiator.CLIENT, false);
		assertReported("/rooms/idle", expected);
		assertThat(answered).isEqualTo(1001);
		assertCountedOnce(expected);
	}

	@Test
	void handlerThatNeitherReadsNorEndsIsReportedAfterTheConnectionDropped() throws IOException {
		try (RawWebSocketClient client = RawWebSocketClient.connect(port(), "/rooms/idle?idle")) {
			client.drop();
		}
		Expected expected = new Expected(1006, null, false, Initiator.UNKNOWN, false);
		assertReported("/rooms/idle", expected);
		assertCountedOnce(expected);
	}

	@Override
	Expected handlerCompleted() {
		return new Expected(1000, "Bye", true, Initiator.SERVER, false);
	}

	@Override
	CloseStatus handlerCompletedSent() {
		return new CloseStatus(1000, "Bye");
	}

	/**
	 * The pipeline's error cancels the inbound messages first, and Reactor Netty closes
	 * the session on that cancel: the application's close (docs/causes.md).
	 */
	@Override
	CloseCause handlerErrorCause() {
		return CloseCause.APPLICATION;
	}

	@Override
	Expected handlerError() {
		return new Expected(1006, null, false, Initiator.SERVER, true);
	}

	@Override
	CloseStatus handlerErrorSent() {
		return new CloseStatus(1005, "Empty");
	}

	@Override
	Expected handlerErrorBeforeReading() {
		return new Expected(1002, "Protocol error", false, Initiator.SERVER, true);
	}

	@Override
	CloseStatus handlerErrorBeforeReadingSent() {
		return new CloseStatus(1002, "Protocol error");
	}

	@Override
	Expected emptyCloseFrame() {
		return new Expected(1005, null, true, Initiator.CLIENT, false);
	}

	@Override
	int emptyCloseFrameAnswer() {
		return -1;
	}

	@Override
	Expected outOfRangeCloseCode() {
		// Spring's CloseStatus refuses 5000, so closeStatus() fails: a failed transport
		return new Expected(1006, null, false, Initiator.UNKNOWN, true);
	}

	@Override
	int outOfRangeCloseCodeAnswer() {
		return 5000;
	}

}
