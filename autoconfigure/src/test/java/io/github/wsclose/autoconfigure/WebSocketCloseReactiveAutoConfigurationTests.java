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

import java.util.Map;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.github.wsclose.reactive.CloseReportingHandlerAdapter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketCloseReactiveAutoConfiguration}.
 */
class WebSocketCloseReactiveAutoConfigurationTests {

	private static final AutoConfigurations ALL = AutoConfigurations.of(WebSocketCloseAutoConfiguration.class,
			WebSocketCloseMetricsAutoConfiguration.class, WebSocketCloseServletAutoConfiguration.class,
			WebSocketCloseReactiveAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(ALL);

	@Test
	void reactiveApplicationGetsTheHandlerAdapterOnly() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CloseReporter.class);
			assertThat(context).hasSingleBean(CloseReportingHandlerAdapter.class);
			assertThat(context).getBeans(InstantiationAwareBeanPostProcessor.class)
				.noneSatisfy((name, postProcessor) -> assertThat(postProcessor.getClass().getName())
					.startsWith("io.github.wsclose"));
		});
	}

	@Test
	void reactiveApplicationWithoutServletOrSpringWebSocketClassesStarts() {
		this.contextRunner
			.withClassLoader(
					new FilteredClassLoader("org.springframework.web.socket.", "org.springframework.web.servlet.",
							"jakarta.servlet.", "org.apache.tomcat.", "org.apache.catalina."))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(CloseReportingHandlerAdapter.class);
			});
	}

	@Test
	void servletApplicationGetsNoReactiveBeans() {
		new WebApplicationContextRunner().withConfiguration(ALL).run((context) -> {
			assertThat(context).doesNotHaveBean(CloseReportingHandlerAdapter.class);
		});
	}

	@Test
	void nonWebApplicationGetsNothing() {
		new ApplicationContextRunner().withConfiguration(ALL).run((context) -> {
			assertThat(context).doesNotHaveBean(CloseReporter.class);
			assertThat(context).doesNotHaveBean(CloseReportingHandlerAdapter.class);
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("wsclose.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CloseReportingHandlerAdapter.class);
		});
	}

	@Test
	void backsOffWithoutWebFluxWebSocketSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive.socket."))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CloseReportingHandlerAdapter.class);
			});
	}

	@Test
	void backsOffFromTheApplicationsOwnBeans() {
		this.contextRunner.withUserConfiguration(OwnBeans.class).run((context) -> {
			assertThat(context).getBean(CloseReportingHandlerAdapter.class).isSameAs(OwnBeans.ADAPTER);
		});
	}

	@Test
	void mappedWebSocketEndpointsHaveTheirMetersAtZeroFromStartup() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean(SimpleUrlHandlerMapping.class,
					() -> new SimpleUrlHandlerMapping(Map.of("/chat/{room}",
							(WebSocketHandler) (session) -> Mono.empty(), "/static/**", new Object())))
			.run((context) -> {
				SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
				assertThat(registry.get(WebSocketSessionMetrics.ACTIVE).tag("endpoint", "/chat/{room}").gauge().value())
					.isZero();
				assertThat(
						registry.get(WebSocketSessionMetrics.OPENED).tag("endpoint", "/chat/{room}").counter().count())
					.isZero();
				assertThat(registry.find(WebSocketSessionMetrics.ACTIVE).tag("endpoint", "/static/**").gauge())
					.isNull();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		static final CloseReportingHandlerAdapter ADAPTER = new CloseReportingHandlerAdapter(() -> {
			throw new IllegalStateException();
		});

		@Bean
		CloseReportingHandlerAdapter ownHandlerAdapter() {
			return ADAPTER;
		}

	}

}
