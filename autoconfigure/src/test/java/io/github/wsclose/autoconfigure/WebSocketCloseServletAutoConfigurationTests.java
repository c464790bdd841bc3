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

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.servlet.CloseReportingHandlerMappingPostProcessor;
import io.github.wsclose.servlet.CloseReportingWebSocketHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketCloseServletAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebSocketCloseServletAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebSocketCloseAutoConfiguration.class,
				WebSocketCloseMetricsAutoConfiguration.class, WebSocketCloseServletAutoConfiguration.class));

	@Test
	void postProcessorIsPresentInAServletWebApplication() {
		this.contextRunner
			.run((context) -> assertThat(context).hasSingleBean(CloseReportingHandlerMappingPostProcessor.class));
	}

	@Test
	void postProcessorBeanMethodIsStatic() throws NoSuchMethodException {
		Method method = WebSocketCloseServletAutoConfiguration.class
			.getDeclaredMethod("webSocketCloseHandlerMappingPostProcessor", ObjectProvider.class, ObjectProvider.class);
		assertThat(Modifier.isStatic(method.getModifiers())).isTrue();
	}

	@Test
	void postProcessorCreatesNoBeanBeforeEveryPostProcessorIsRegistered(CapturedOutput output) {
		this.contextRunner
			.withUserConfiguration(RecordingPostProcessorConfiguration.class, EchoWebSocketConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(CloseReportingHandlerMappingPostProcessor.class);
				assertThat(RecordingPostProcessorConfiguration.processed).contains(
						beanName(context, CloseReporter.class), beanName(context, CloseCodeCatalog.class),
						beanName(context, WebSocketCloseProperties.class));
				assertThat(output).doesNotContain("is not eligible for getting processed by all BeanPostProcessors");
			});
	}

	@Test
	void handlersOfWebSocketConfigurersAreDecoratedWithTheirPaths() {
		this.contextRunner.withUserConfiguration(EchoWebSocketConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Map<String, ?> urlMap = context.getBean("webSocketHandlerMapping", SimpleUrlHandlerMapping.class)
				.getUrlMap();
			assertThat(urlMap).containsOnlyKeys("/echo", "/other", "/sockjs/**");
			assertThat(closeReporting(((WebSocketHttpRequestHandler) urlMap.get("/echo")).getWebSocketHandler()))
				.satisfies((handler) -> assertThat(handler.getEndpoint()).isEqualTo("/echo"))
				.satisfies((handler) -> assertThat(handler.getDelegate()).isSameAs(EchoWebSocketConfiguration.ECHO));
			assertThat(closeReporting(((WebSocketHttpRequestHandler) urlMap.get("/other")).getWebSocketHandler())
				.getEndpoint()).isEqualTo("/other");
			assertThat(closeReporting(((SockJsHttpRequestHandler) urlMap.get("/sockjs/**")).getWebSocketHandler())
				.getEndpoint()).isEqualTo("/sockjs");
		});
	}

	@Test
	void withoutSpringWebSocketThereIsNoPostProcessorAndNoFailure() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebSocketHandler.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CloseReportingHandlerMappingPostProcessor.class);
			assertThat(context).hasSingleBean(CloseReporter.class);
		});
	}

	@Test
	void withoutSpringMvcThereIsNoPostProcessorAndNoFailure() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SimpleUrlHandlerMapping.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CloseReportingHandlerMappingPostProcessor.class);
		});
	}

	@Test
	void userPostProcessorMakesThePostProcessorBackOff() {
		CloseReportingHandlerMappingPostProcessor postProcessor = new CloseReportingHandlerMappingPostProcessor(
				() -> new CloseReporter(CloseCodeCatalog.defaults(), List.of()));
		this.contextRunner.withBean(CloseReportingHandlerMappingPostProcessor.class, () -> postProcessor)
			.run((context) -> assertThat(context).getBean(CloseReportingHandlerMappingPostProcessor.class)
				.isSameAs(postProcessor));
	}

	@Test
	void reactiveWebApplicationGetsNoPostProcessor() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebSocketCloseAutoConfiguration.class,
					WebSocketCloseServletAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(CloseReportingHandlerMappingPostProcessor.class);
				assertThat(context).hasSingleBean(CloseReporter.class);
			});
	}

	private static String beanName(ApplicationContext context, Class<?> type) {
		String[] names = context.getBeanNamesForType(type);
		assertThat(names).hasSize(1);
		return names[0];
	}

	private static CloseReportingWebSocketHandler closeReporting(WebSocketHandler handler) {
		WebSocketHandler current = handler;
		while (current instanceof WebSocketHandlerDecorator decorator) {
			if (decorator instanceof CloseReportingWebSocketHandler closeReporting) {
				return closeReporting;
			}
			current = decorator.getDelegate();
		}
		throw new AssertionError("No CloseReportingWebSocketHandler in " + handler);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocket
	static class EchoWebSocketConfiguration implements WebSocketConfigurer {

		static final WebSocketHandler ECHO = new TextWebSocketHandler();

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(ECHO, "/echo", "/other");
			registry.addHandler(new TextWebSocketHandler(), "/sockjs").withSockJS();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingPostProcessorConfiguration {

		static final Set<String> processed = ConcurrentHashMap.newKeySet();

		@Bean
		static BeanPostProcessor recordingPostProcessor() {
			processed.clear();
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					processed.add(beanName);
					return bean;
				}

			};
		}

	}

}
