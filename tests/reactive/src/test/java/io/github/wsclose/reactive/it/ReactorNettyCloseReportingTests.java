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

import io.github.wsclose.Initiator;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Close reporting of WebFlux on Reactor Netty.
 */
@SpringBootTest(classes = { WebFluxTestApplication.class, Servers.ReactorNetty.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wsclose.codes.4001=unauthorized")
class ReactorNettyCloseReportingTests extends CloseReportingScenarios {

	@Override
	Expected handlerCompleted() {
		return new Expected(1000, "Bye", true, Initiator.SERVER, false);
	}

	@Override
	CloseStatus handlerCompletedSent() {
		return new CloseStatus(1000, "Bye");
	}

	@Override
	Expected handlerError() {
		return new Expected(1006, null, false, Initiator.SERVER, false);
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
		return new Expected(5000, null, true, Initiator.CLIENT, false);
	}

	@Override
	int outOfRangeCloseCodeAnswer() {
		return 5000;
	}

}
