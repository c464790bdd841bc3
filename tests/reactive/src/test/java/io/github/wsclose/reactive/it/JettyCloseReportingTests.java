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
 * Close reporting of WebFlux on Jetty.
 */
@SpringBootTest(classes = { WebFluxTestApplication.class, Servers.Jetty.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wsclose.codes.4001=unauthorized")
class JettyCloseReportingTests extends CloseReportingScenarios {

	/**
	 * Jetty sends 1000 but reads the peer's answer only on demand: a handler that never
	 * read leaves the close status unresolved, and the close is reported as 1006 after
	 * the grace period.
	 */
	@Override
	Expected handlerCompleted() {
		return new Expected(1006, null, false, Initiator.SERVER, false);
	}

	@Override
	Expected handlerError() {
		return new Expected(1011, "handler failed on purpose", false, Initiator.SERVER, true);
	}

	@Override
	CloseStatus handlerErrorSent() {
		return new CloseStatus(1011, "handler failed on purpose");
	}

	@Override
	Expected handlerErrorBeforeReading() {
		return new Expected(1011, "handler failed on purpose", false, Initiator.SERVER, true);
	}

	@Override
	CloseStatus handlerErrorBeforeReadingSent() {
		return new CloseStatus(1011, "handler failed on purpose");
	}

	@Override
	Expected emptyCloseFrame() {
		return new Expected(1005, null, true, Initiator.CLIENT, false);
	}

	@Override
	int emptyCloseFrameAnswer() {
		return 1000;
	}

	@Override
	Expected outOfRangeCloseCode() {
		return new Expected(1002, "Invalid CLOSE Code: 5000", true, Initiator.CLIENT, false);
	}

	@Override
	int outOfRangeCloseCodeAnswer() {
		return 1002;
	}

}
