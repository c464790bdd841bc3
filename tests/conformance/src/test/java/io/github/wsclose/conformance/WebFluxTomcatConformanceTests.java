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
 * The conformance suite on Tomcat 11 under WebFlux: Tomcat reports what it reports on the
 * servlet stack, but for a handler's error, which WebFlux turns into 1011 and the
 * session's transport error.
 */
class WebFluxTomcatConformanceTests extends CloseConformanceTests {

	WebFluxTomcatConformanceTests() {
		super(ServerUnderTest.WEBFLUX_TOMCAT);
	}

	@Override
	Outcome expected(CloseCase closeCase) {
		if (closeCase == CloseCase.HANDLER_ERROR) {
			return new Outcome(1011, null, false, Initiator.SERVER, "IllegalStateException", "1011");
		}
		return ServletTomcatConformanceTests.tomcat(closeCase);
	}

	@Override
	CloseCause expectedCause(CloseCase closeCase) {
		return ServletTomcatConformanceTests.tomcatCause(closeCase, super.expectedCause(closeCase));
	}

}
