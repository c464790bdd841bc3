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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.SessionClose;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.event.CloseEventPublisher;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketCloseMetricsAutoConfiguration}.
 */
class WebSocketCloseMetricsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebSocketCloseAutoConfiguration.class,
				WebSocketCloseMetricsAutoConfiguration.class, WebSocketCloseServletAutoConfiguration.class));

	@Test
	void meterRegistryBeanEnablesMetricsThatTheReporterRecords() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(WebSocketSessionMetrics.class);
			CloseReporter reporter = context.getBean(CloseReporter.class);
			reporter.closed(reporter.opened("s1", "/chat", null, null), 1000, null);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(WebSocketSessionMetrics.OPENED).tag("endpoint", "/chat").counter().count())
				.isEqualTo(1);
			assertThat(registry.get(WebSocketSessionMetrics.CLOSED)
				.tags("endpoint", "/chat", "code", "1000", "initiator", "client")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void withoutMeterRegistryThereAreNoMetrics() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(WebSocketSessionMetrics.class);
			assertThat(context).hasSingleBean(CloseReporter.class);
		});
	}

	@Test
	void withoutMicrometerThereAreNoMetricsAndNoFailure() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebSocketSessionMetrics.class);
			assertThat(context).hasSingleBean(CloseReporter.class);
			assertThat(context).hasSingleBean(CloseEventPublisher.class);
		});
	}

	@Test
	void metricsDisabledLeavesNoMetrics() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("wsclose.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WebSocketSessionMetrics.class);
				CloseReporter reporter = context.getBean(CloseReporter.class);
				reporter.closed(reporter.opened("s1", "/chat", null, null), 1000, null);
				assertThat(context.getBean(MeterRegistry.class).find(WebSocketSessionMetrics.CLOSED).counters())
					.isEmpty();
			});
	}

	@Test
	void disabledLeavesNoMetricsEvenWithARegistry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("wsclose.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketSessionMetrics.class));
	}

	@Test
	void userMetricsBeanMakesTheMetricsBackOff() {
		WebSocketSessionMetrics metrics = new WebSocketSessionMetrics(new SimpleMeterRegistry());
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean(WebSocketSessionMetrics.class, () -> metrics)
			.run((context) -> assertThat(context).getBean(WebSocketSessionMetrics.class).isSameAs(metrics));
	}

	@Test
	void closeIsCountedBeforeItsEventIsPublished() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withUserConfiguration(ClosedCountRecorder.class)
			.run((context) -> {
				CloseReporter reporter = context.getBean(CloseReporter.class);
				SessionClose close = reporter.closed(reporter.opened("s1", "/chat", null, null), 1000, null);
				assertThat(close).isNotNull();
				assertThat(context.getBean(ClosedCountRecorder.class).countsSeen).containsExactly(1.0);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ClosedCountRecorder {

		private final MeterRegistry registry;

		final List<Double> countsSeen = new CopyOnWriteArrayList<>();

		ClosedCountRecorder(MeterRegistry registry) {
			this.registry = registry;
		}

		@EventListener
		void onClose(WebSocketSessionClosedEvent event) {
			this.countsSeen.add(this.registry.find(WebSocketSessionMetrics.CLOSED)
				.counters()
				.stream()
				.mapToDouble((counter) -> counter.count())
				.sum());
		}

	}

}
