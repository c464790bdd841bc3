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

package io.github.wsclose.autoconfigure;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.HandshakeListener;
import io.github.wsclose.HandshakeReporter;
import io.github.wsclose.SessionLifecycleListener;
import io.github.wsclose.event.CloseEventPublisher;
import io.github.wsclose.event.HandshakeEventPublisher;
import io.github.wsclose.support.WebSocketSessionsShutdownLifecycle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the stack-neutral part of
 * WebSocket close reporting: the close-code catalog, the {@link CloseReporter}, the close
 * event publisher, and the lifecycle that closes the sessions still open when the
 * application shuts down.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "wsclose.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebSocketCloseProperties.class)
@ImportRuntimeHints(WebSocketCloseRuntimeHints.class)
public final class WebSocketCloseAutoConfiguration {

	/**
	 * Order of the close event publisher among {@link SessionLifecycleListener} beans:
	 * after the metrics, so that a listener of the event sees its close counted.
	 */
	public static final int EVENT_PUBLISHER_ORDER = 100;

	/**
	 * Check the {@code wsclose.codes} entries before any bean is created, so that a bad
	 * one fails with the property and its origin
	 * ({@link InvalidCloseCodeNamesFailureAnalyzer}).
	 * @param environment the environment
	 * @return the check
	 */
	@Bean
	static BeanFactoryPostProcessor webSocketCloseCodeNamesCheck(Environment environment) {
		return new CloseCodeNamesCheck(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	CloseCodeCatalog webSocketCloseCodeCatalog(WebSocketCloseProperties properties) {
		return CloseCodeCatalog.of(properties.getCodes());
	}

	@Bean
	@ConditionalOnMissingBean
	CloseReporter webSocketCloseReporter(CloseCodeCatalog catalog, ObjectProvider<SessionLifecycleListener> listeners) {
		return new CloseReporter(catalog, listeners.orderedStream().toList());
	}

	@Bean
	@Order(EVENT_PUBLISHER_ORDER)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "wsclose.events.enabled", matchIfMissing = true)
	CloseEventPublisher webSocketCloseEventPublisher(ApplicationEventPublisher publisher) {
		return new CloseEventPublisher(publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	HandshakeReporter webSocketHandshakeReporter(ObjectProvider<HandshakeListener> listeners) {
		return new HandshakeReporter(listeners.orderedStream().toList());
	}

	@Bean
	@Order(EVENT_PUBLISHER_ORDER)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "wsclose.events.enabled", matchIfMissing = true)
	HandshakeEventPublisher webSocketHandshakeEventPublisher(ApplicationEventPublisher publisher) {
		return new HandshakeEventPublisher(publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketSessionsShutdownLifecycle webSocketSessionsShutdownLifecycle(CloseReporter reporter,
			WebSocketCloseProperties properties) {
		return new WebSocketSessionsShutdownLifecycle(reporter, properties.getShutdown().getTimeout());
	}

}
