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

package io.github.wsclose.benchmarks.server;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What both echo applications share: a meter registry, as in any application with
 * metrics, and, when the starter is on the classpath, the {@link CloseCounter} listener.
 */
@Configuration(proxyBeanMethods = false)
public class EchoServerConfiguration {

	/**
	 * The name of the {@link CloseCounter} bean.
	 */
	public static final String CLOSE_COUNTER = "closeCounter";

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	/**
	 * Registers the listener only with the starter: without it, the event class is not
	 * there to listen to.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.wsclose.WebSocketSessionClosedEvent")
	static class CloseListenerConfiguration {

		@Bean(CLOSE_COUNTER)
		CloseCounter closeCounter() {
			return new CloseCounter();
		}

	}

}
