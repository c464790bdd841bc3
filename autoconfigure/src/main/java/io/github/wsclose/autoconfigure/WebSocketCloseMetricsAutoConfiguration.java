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

import io.github.wsclose.metrics.WebSocketHandshakeMetrics;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for WebSocket session meters.
 * <p>
 * Ordered after the auto-configurations that create the application's
 * {@link MeterRegistry}, named for each Spring Boot line: Boot 4 moved them from
 * {@code org.springframework.boot.actuate.autoconfigure.metrics} (Boot 3.5) to
 * {@code org.springframework.boot.micrometer.metrics.autoconfigure}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WebSocketCloseAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "wsclose.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "wsclose.metrics.enabled", matchIfMissing = true)
public final class WebSocketCloseMetricsAutoConfiguration {

	/**
	 * Order of the metrics among {@code SessionLifecycleListener} beans: first.
	 */
	public static final int METRICS_ORDER = 0;

	@Bean
	@Order(METRICS_ORDER)
	@ConditionalOnMissingBean
	WebSocketSessionMetrics webSocketSessionMetrics(MeterRegistry registry) {
		return new WebSocketSessionMetrics(registry);
	}

	@Bean
	@Order(METRICS_ORDER)
	@ConditionalOnMissingBean
	WebSocketHandshakeMetrics webSocketHandshakeMetrics(MeterRegistry registry) {
		return new WebSocketHandshakeMetrics(registry);
	}

}
