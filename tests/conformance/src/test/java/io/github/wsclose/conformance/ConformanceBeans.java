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

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every conformance application has, whatever its stack: a meter registry that
 * notices late counts, a recorder of close events, and a listener that logs closes.
 */
@Configuration(proxyBeanMethods = false)
class ConformanceBeans {

	/** The endpoint every case runs on. */
	static final String ECHO = "/echo";

	/** The endpoint the cardinality attack runs on, so its series are counted alone. */
	static final String CARDINALITY = "/cardinality";

	/**
	 * The SockJS endpoint, with a short heartbeat and disconnect delay (servlet only).
	 */
	static final String SOCKJS = "/sockjs";

	/** The STOMP endpoint, with small send limits (servlet only). */
	static final String STOMP = "/stomp";

	@Bean
	ShutdownCheckingMeterRegistry meterRegistry() {
		return new ShutdownCheckingMeterRegistry();
	}

	@Bean
	CloseRecorder closeRecorder(ShutdownCheckingMeterRegistry meterRegistry) {
		return new CloseRecorder(meterRegistry);
	}

	@Bean
	CloseLogger closeLogger() {
		return new CloseLogger();
	}

}
