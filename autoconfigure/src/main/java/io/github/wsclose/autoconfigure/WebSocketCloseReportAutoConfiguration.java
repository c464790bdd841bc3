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

import io.github.wsclose.SessionLifecycleListener;
import io.github.wsclose.actuate.CloseReportRecorder;
import io.github.wsclose.actuate.HandshakeReportRecorder;
import io.github.wsclose.actuate.WebSocketClosesEndpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code websocketcloses}
 * Actuator endpoint and the {@link CloseReportRecorder} it reports from. Nothing is
 * recorded unless the endpoint is available (enabled and exposed, for example with
 * {@code management.endpoints.web.exposure.include=websocketcloses}).
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(WebSocketClosesEndpoint.class)
@ConditionalOnBooleanProperty(name = "wsclose.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ WebSocketCloseProperties.class, WebSocketClosesEndpointProperties.class })
public final class WebSocketCloseReportAutoConfiguration {

	/**
	 * Order of the report's recorder among {@link SessionLifecycleListener} beans: after
	 * the metrics and before the close event publisher, so that a listener of the event
	 * finds the close in the report.
	 */
	public static final int REPORT_ORDER = 50;

	@Bean
	@Order(REPORT_ORDER)
	@ConditionalOnMissingBean
	CloseReportRecorder webSocketCloseReportRecorder(WebSocketCloseProperties properties) {
		return new CloseReportRecorder(properties.getReport().getRecentUncleanSize());
	}

	@Bean
	@Order(REPORT_ORDER)
	@ConditionalOnMissingBean
	HandshakeReportRecorder webSocketHandshakeReportRecorder() {
		return new HandshakeReportRecorder(HandshakeReportRecorder.DEFAULT_RECENT_REJECTED_SIZE);
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketClosesEndpoint webSocketClosesEndpoint(CloseReportRecorder recorder,
			ObjectProvider<HandshakeReportRecorder> handshakes, WebSocketClosesEndpointProperties properties) {
		return new WebSocketClosesEndpoint(recorder, handshakes.getIfAvailable(), properties.getShowValues(),
				properties.getRoles());
	}

}
