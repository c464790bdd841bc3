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
import io.github.wsclose.event.HandshakeEventPublisher;
import io.github.wsclose.WebSocketHandshakeRejectedEvent;
import io.github.wsclose.HandshakeReporter;
import io.github.wsclose.HandshakeOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.Initiator;
import io.github.wsclose.SessionClose;
import io.github.wsclose.SessionLifecycleListener;
import io.github.wsclose.TrackedSession;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.event.CloseEventPublisher;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.github.wsclose.servlet.CloseReportingHandlerMappingPostProcessor;
import io.github.wsclose.support.WebSocketSessionsShutdownLifecycle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link WebSocketCloseAutoConfiguration}.
 */
class WebSocketCloseAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebSocketCloseAutoConfiguration.class,
				WebSocketCloseMetricsAutoConfiguration.class, WebSocketCloseServletAutoConfiguration.class));

	@Test
	void defaultBeansArePresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(WebSocketCloseProperties.class);
			assertThat(context).hasSingleBean(CloseCodeCatalog.class);
			assertThat(context).hasSingleBean(CloseReporter.class);
			assertThat(context).hasSingleBean(CloseEventPublisher.class);
			assertThat(context).hasSingleBean(WebSocketSessionsShutdownLifecycle.class);
			assertThat(context).hasSingleBean(CloseReportingHandlerMappingPostProcessor.class);
			assertThat(context.getBean(CloseReporter.class).getCatalog())
				.isSameAs(context.getBean(CloseCodeCatalog.class));
		});
	}

	@Test
	void handshakesAreCountedBeforeTheRejectedEventIsPublishedAndAcceptedOnesPublishNothing() {
		List<WebSocketHandshakeRejectedEvent> events = new CopyOnWriteArrayList<>();
		List<Double> countedWhenPublished = new CopyOnWriteArrayList<>();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.contextRunner.withBean(SimpleMeterRegistry.class, () -> registry)
			.withBean("rejectedListener", ApplicationListener.class,
					() -> (ApplicationListener<WebSocketHandshakeRejectedEvent>) (event) -> {
						events.add(event);
						countedWhenPublished.add(registry.get(WebSocketHandshakeMetrics.HANDSHAKES)
							.tag("outcome", "origin_rejected")
							.counter()
							.count());
					})
			.run((context) -> {
				assertThat(context).hasSingleBean(HandshakeReporter.class);
				assertThat(context).hasSingleBean(HandshakeEventPublisher.class);
				assertThat(context).hasSingleBean(WebSocketHandshakeMetrics.class);
				HandshakeReporter reporter = context.getBean(HandshakeReporter.class);
				reporter.report("/chat", HandshakeOutcome.ACCEPTED, 101, null, null, null, null);
				reporter.report("/chat", HandshakeOutcome.ORIGIN_REJECTED, 403, null, "https://evil.example", null,
						null);
				assertThat(events).singleElement().satisfies((event) -> {
					assertThat(event.getEndpoint()).isEqualTo("/chat");
					assertThat(event.getOutcome()).isEqualTo(HandshakeOutcome.ORIGIN_REJECTED);
					assertThat(event.getStatus()).isEqualTo(403);
					assertThat(event.getOrigin()).isEqualTo("https://evil.example");
				});
				assertThat(countedWhenPublished).containsExactly(1.0);
			});
	}

	@Test
	void rejectedHandshakeEventsCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("wsclose.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HandshakeEventPublisher.class)
				.hasSingleBean(HandshakeReporter.class));
	}

	@Test
	void defaultCatalogNames4500Only() {
		this.contextRunner.run((context) -> assertThat(context.getBean(CloseCodeCatalog.class).names())
			.containsExactly(Map.entry(4500, "session_not_reliable")));
	}

	@Test
	void withoutMeterRegistryThereAreNoMetricsButReporterPublishesEvents() {
		this.contextRunner.withUserConfiguration(CloseEventRecorder.class).run((context) -> {
			assertThat(context).doesNotHaveBean(WebSocketSessionMetrics.class);
			CloseReporter reporter = context.getBean(CloseReporter.class);
			SessionClose close = reporter.closed(reporter.opened("s1", "/chat", null, null), 1001, "bye");
			List<WebSocketSessionClosedEvent> events = context.getBean(CloseEventRecorder.class).events;
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.getClose()).isSameAs(close);
				assertThat(event.getSessionId()).isEqualTo("s1");
				assertThat(event.getCode()).isEqualTo(1001);
				assertThat(event.getReason()).isEqualTo("bye");
				assertThat(event.getEndpoint()).isEqualTo("/chat");
				assertThat(event.getInitiator()).isEqualTo(Initiator.CLIENT);
			});
		});
	}

	@Test
	void applicationListenerBeanReceivesTheEvent() {
		List<WebSocketSessionClosedEvent> events = new CopyOnWriteArrayList<>();
		this.contextRunner
			.withBean("closeListener", ApplicationListener.class,
					() -> (ApplicationListener<WebSocketSessionClosedEvent>) events::add)
			.run((context) -> {
				CloseReporter reporter = context.getBean(CloseReporter.class);
				reporter.closed(reporter.opened("s1", "/chat", null, null), 1000, null);
				assertThat(events).extracting(WebSocketSessionClosedEvent::getCode).containsExactly(1000);
			});
	}

	@Test
	void reporterCallsTheApplicationsOwnListenerBeans() {
		List<SessionClose> closes = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean(SessionLifecycleListener.class, () -> closes::add).run((context) -> {
			CloseReporter reporter = context.getBean(CloseReporter.class);
			SessionClose close = reporter.closed(reporter.opened("s1", "/chat", null, null), 1000, null);
			assertThat(closes).containsExactly(close);
		});
	}

	@Test
	void disabledBacksOffCompletely() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("wsclose.enabled=false")
			.run(WebSocketCloseAutoConfigurationTests::assertNoWebSocketCloseBeans);
	}

	@Test
	void eventsDisabledLeavesNoPublisherAndPublishesNothing() {
		this.contextRunner.withUserConfiguration(CloseEventRecorder.class)
			.withPropertyValues("wsclose.events.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CloseEventPublisher.class);
				CloseReporter reporter = context.getBean(CloseReporter.class);
				assertThat(reporter.closed(reporter.opened("s1", "/chat", null, null), 1000, null)).isNotNull();
				assertThat(context.getBean(CloseEventRecorder.class).events).isEmpty();
			});
	}

	@Test
	void eventsExplicitlyEnabledKeepThePublisher() {
		this.contextRunner.withPropertyValues("wsclose.enabled=true", "wsclose.events.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(CloseEventPublisher.class));
	}

	@Test
	void codeNamesBindAndClassify() {
		this.contextRunner.withPropertyValues("wsclose.codes.4001=unauthorized", "wsclose.codes.3000=library")
			.run((context) -> {
				assertThat(context.getBean(WebSocketCloseProperties.class).getCodes())
					.containsExactlyInAnyOrderEntriesOf(Map.of(4001, "unauthorized", 3000, "library"));
				CloseCodeCatalog catalog = context.getBean(CloseCodeCatalog.class);
				assertThat(catalog.classify(4001).tagValue()).isEqualTo("unauthorized");
				assertThat(catalog.classify(4001).codeTagValue()).isEqualTo("4001");
				assertThat(catalog.classify(3000).tagValue()).isEqualTo("library");
				assertThat(catalog.classify(4500).tagValue()).isEqualTo("session_not_reliable");
				CloseReporter reporter = context.getBean(CloseReporter.class);
				SessionClose close = reporter.closed(reporter.opened("s1", "/chat", null, null), 4001, null);
				assertThat(close.closeCode().name()).isEqualTo("unauthorized");
			});
	}

	@Test
	void renaming4500ThroughPropertiesReplacesTheDefaultName() {
		this.contextRunner.withPropertyValues("wsclose.codes.4500=send_limit")
			.run((context) -> assertThat(context.getBean(CloseCodeCatalog.class).classify(4500).tagValue())
				.isEqualTo("send_limit"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					wsclose.codes.1000=x           | Close code 1000 cannot be named: only codes 3000-4999 (registered and private) take application names
					wsclose.codes.2999=x           | Close code 2999 cannot be named: only codes 3000-4999 (registered and private) take application names
					wsclose.codes.5000=x           | Close code 5000 cannot be named: only codes 3000-4999 (registered and private) take application names
					wsclose.codes.4001=            | The name is empty: a close code name is lower snake_case, [a-z][a-z0-9_]{0,62}
					wsclose.codes.4001=not allowed | The name is not lower snake_case, [a-z][a-z0-9_]{0,62}: it is the 'status' tag of the code's meters
					wsclose.codes.4001=RoomFull    | The name is not lower snake_case, [a-z][a-z0-9_]{0,62}: it is the 'status' tag of the code's meters
					""")
	void invalidCodeNameFailsBindingWithTheProperty(String property, String problem) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidCloseCodeNamesException.class);
			InvalidCloseCodeNamesException failure = (InvalidCloseCodeNamesException) NestedExceptionUtils
				.getRootCause(context.getStartupFailure());
			assertThat(failure.getInvalidNames()).singleElement().satisfies((invalid) -> {
				assertThat(invalid.property().getName()).hasToString(property.substring(0, property.indexOf('=')));
				assertThat(invalid.problem()).isEqualTo(problem);
			});
		});
	}

	@Test
	void everyInvalidCodeNameIsListed() {
		this.contextRunner
			.withPropertyValues("wsclose.codes.999=x", "wsclose.codes.4001=unauthorized",
					"wsclose.codes.4002=room full", "wsclose.codes.4003=RoomFull")
			.run((context) -> {
				InvalidCloseCodeNamesException failure = (InvalidCloseCodeNamesException) NestedExceptionUtils
					.getRootCause(context.getStartupFailure());
				assertThat(failure.getInvalidNames())
					.extracting((invalid) -> invalid.property().getName().toString(),
							InvalidCloseCodeNamesException.InvalidName::suggestion)
					.containsExactlyInAnyOrder(tuple("wsclose.codes.999", null),
							tuple("wsclose.codes.4002", "room_full"), tuple("wsclose.codes.4003", "room_full"));
			});
	}

	@Test
	void codeNamesAreNotCheckedWhenTheStarterIsDisabled() {
		this.contextRunner.withPropertyValues("wsclose.enabled=false", "wsclose.codes.999=Room Full")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CloseCodeCatalog.class));
	}

	@Test
	void codeNamesAreTrimmed() {
		this.contextRunner.withPropertyValues("wsclose.codes.4001=unauthorized  ")
			.run((context) -> assertThat(context.getBean(CloseCodeCatalog.class).classify(4001).tagValue())
				.isEqualTo("unauthorized"));
	}

	@Test
	void shutdownWaitsFiveSecondsByDefault() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(WebSocketSessionsShutdownLifecycle.class).getTimeout())
				.isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void shutdownTimeoutIsConfigurable() {
		this.contextRunner.withPropertyValues("wsclose.shutdown.timeout=250ms")
			.run((context) -> assertThat(context.getBean(WebSocketSessionsShutdownLifecycle.class).getTimeout())
				.isEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void negativeShutdownTimeoutFailsStartupWithAClearMessage() {
		this.contextRunner.withPropertyValues("wsclose.shutdown.timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("wsclose.shutdown.timeout must not be negative, was PT-1S");
		});
	}

	@Test
	void userCatalogMakesTheCatalogBackOffAndIsUsedByTheReporter() {
		CloseCodeCatalog catalog = CloseCodeCatalog.of(Map.of(4003, "forbidden"));
		this.contextRunner.withBean(CloseCodeCatalog.class, () -> catalog)
			.withPropertyValues("wsclose.codes.4001=unauthorized")
			.run((context) -> {
				assertThat(context).getBean(CloseCodeCatalog.class).isSameAs(catalog);
				assertThat(context.getBean(CloseReporter.class).getCatalog()).isSameAs(catalog);
			});
	}

	@Test
	void userReporterMakesTheReporterBackOff() {
		CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of());
		this.contextRunner.withBean(CloseReporter.class, () -> reporter)
			.run((context) -> assertThat(context).getBean(CloseReporter.class).isSameAs(reporter));
	}

	@Test
	void userEventPublisherMakesThePublisherBackOff() {
		CloseEventPublisher publisher = new CloseEventPublisher((event) -> {
		});
		this.contextRunner.withBean(CloseEventPublisher.class, () -> publisher)
			.run((context) -> assertThat(context).getBean(CloseEventPublisher.class).isSameAs(publisher));
	}

	@Test
	void nonWebApplicationGetsNothing() {
		new ApplicationContextRunner().withBean(SimpleMeterRegistry.class)
			.withConfiguration(AutoConfigurations.of(WebSocketCloseAutoConfiguration.class,
					WebSocketCloseMetricsAutoConfiguration.class, WebSocketCloseServletAutoConfiguration.class))
			.run(WebSocketCloseAutoConfigurationTests::assertNoWebSocketCloseBeans);
	}

	@Test
	void sessionsClosingAfterTheContextBeganClosingAreInitiatedByTheServer() {
		List<SessionClose> closes = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("wsclose.events.enabled=false")
			.withBean(SessionLifecycleListener.class, () -> closes::add)
			.run((context) -> {
				CloseReporter reporter = context.getBean(CloseReporter.class);
				TrackedSession session = reporter.opened("s1", "/chat", null, null);
				session.closeOnShutdownWith(() -> reporter.closed(session, 1000, null));
				context.close();
				assertThat(closes).singleElement()
					.satisfies((close) -> assertThat(close.initiator()).isEqualTo(Initiator.SERVER));
			});
	}

	@Test
	void sessionsStillOpenWhenTheContextClosesAreReportedBeforeItIsClosed() {
		List<SessionClose> closes = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean(SessionLifecycleListener.class, () -> closes::add).run((context) -> {
			CloseReporter reporter = context.getBean(CloseReporter.class);
			TrackedSession session = reporter.opened("s1", "/chat", null, null);
			session.closeOnShutdownWith(() -> reporter.closed(session, 1001, null));
			context.close();
			assertThat(closes).singleElement().satisfies((close) -> {
				assertThat(close.code()).isEqualTo(1001);
				assertThat(close.initiator()).isEqualTo(Initiator.SERVER);
			});
			assertThat(reporter.getOpenSessionCount()).isZero();
		});
	}

	@Test
	void sessionsClosingWhileTheContextRunsAreInitiatedByThePeer() {
		this.contextRunner.run((context) -> {
			CloseReporter reporter = context.getBean(CloseReporter.class);
			TrackedSession session = reporter.opened("s1", "/chat", null, null);
			assertThat(reporter.closed(session, 1000, null).initiator()).isEqualTo(Initiator.CLIENT);
		});
	}

	@Test
	void closingAChildContextDoesNotMarkTheApplicationAsShuttingDown() {
		this.contextRunner.run((context) -> {
			try (GenericApplicationContext child = new GenericApplicationContext()) {
				child.setParent(context.getSourceApplicationContext());
				child.refresh();
			}
			CloseReporter reporter = context.getBean(CloseReporter.class);
			TrackedSession session = reporter.opened("s1", "/chat", null, null);
			assertThat(reporter.closed(session, 1000, null).initiator()).isEqualTo(Initiator.CLIENT);
		});
	}

	private static void assertNoWebSocketCloseBeans(ApplicationContextAssertProvider<?> context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(WebSocketCloseProperties.class)
			.doesNotHaveBean(CloseCodeCatalog.class)
			.doesNotHaveBean(CloseReporter.class)
			.doesNotHaveBean(CloseEventPublisher.class)
			.doesNotHaveBean(WebSocketSessionMetrics.class)
			.doesNotHaveBean(CloseReportingHandlerMappingPostProcessor.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class CloseEventRecorder {

		final List<WebSocketSessionClosedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onClose(WebSocketSessionClosedEvent event) {
			this.events.add(event);
		}

	}

}
