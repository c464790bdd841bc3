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

import io.github.wsclose.CloseReporter;
import io.github.wsclose.HandshakeReporter;
import io.github.wsclose.servlet.CloseReportingHandlerMappingPostProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.WebSocketHandler;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that reports the closes of every
 * WebSocket session served by Spring MVC: handlers of every {@code WebSocketConfigurer},
 * with or without SockJS, and STOMP endpoints.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WebSocketCloseAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ WebSocketHandler.class, SimpleUrlHandlerMapping.class })
@ConditionalOnBooleanProperty(name = "wsclose.enabled", matchIfMissing = true)
public final class WebSocketCloseServletAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static CloseReportingHandlerMappingPostProcessor webSocketCloseHandlerMappingPostProcessor(
			ObjectProvider<CloseReporter> reporter, ObjectProvider<HandshakeReporter> handshakes) {
		return new CloseReportingHandlerMappingPostProcessor(reporter::getObject, handshakes::getObject);
	}

}
