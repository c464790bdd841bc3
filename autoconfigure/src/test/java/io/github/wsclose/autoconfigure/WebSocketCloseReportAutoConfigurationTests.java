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

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.SessionClose;
import io.github.wsclose.SessionLifecycleListener;
import io.github.wsclose.TrackedSession;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.actuate.CloseReport;
import io.github.wsclose.actuate.CloseReportRecorder;
import io.github.wsclose.actuate.WebSocketClosesEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketCloseReportAutoConfiguration}.
 */
class WebSocketCloseReportAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WebSocketCloseAutoConfiguration.class, WebSocketCloseMetricsAutoConfiguration.class,
					WebSocketCloseServletAutoConfiguration.class, WebSocketCloseReportAutoConfiguration.class));

	private final WebApplicationContextRunner exposed = this.contextRunner
		.withPropertyValues("management.endpoints.web.exposure.include=websocketcloses");

	@Test
	void exposedEndpointReportsClosesWithoutAMeterRegistry() {
		this.exposed.run((context) -> {
			assertThat(context).hasSingleBean(WebSocketClosesEndpoint.class).doesNotHaveBean(MeterRegistry.class);
			CloseReporter reporter = context.getBean(CloseReporter.class);
			reporter.closed(reporter.opened("s1", "/chat", null, null), 1006, null);
			CloseReport report = context.getBean(WebSocketClosesEndpoint.class).closes(SecurityContext.NONE);
			assertThat(report.endpoints().get("/chat").unclean()).isEqualTo(1);
			assertThat(report.recentUnclean()).singleElement().satisfies((close) -> {
				assertThat(close.sessionId()).isEqualTo("******");
				assertThat(close.code()).isEqualTo(1006);
			});
		});
	}

	@Test
	void valuesPeersSupplyAreMaskedByDefault() {
		this.exposed.run((context) -> {
			assertThat(closeWithPeerText(context).closes(SecurityContext.NONE).recentUnclean()).singleElement()
				.satisfies((close) -> {
					assertThat(close.sessionId()).isEqualTo("******");
					assertThat(close.reason()).isEqualTo("******");
					assertThat(close.transportError()).isEqualTo("******");
					assertThat(close.code()).isEqualTo(1011);
					assertThat(close.endpoint()).isEqualTo("/chat");
				});
		});
	}

	@Test
	void valuesAreShownWhenShowValuesIsAlways() {
		this.exposed.withPropertyValues("management.endpoint.websocketcloses.show-values=always").run((context) -> {
			assertThat(closeWithPeerText(context).closes(SecurityContext.NONE).recentUnclean()).singleElement()
				.satisfies((close) -> {
					assertThat(close.sessionId()).isEqualTo("s1");
					assertThat(close.reason()).isEqualTo("secret reason");
					assertThat(close.transportError()).isEqualTo("java.io.IOException: secret error");
				});
		});
	}

	@Test
	void valuesAreShownWhenAuthorizedOnlyToAUserWithTheRole() {
		this.exposed
			.withPropertyValues("management.endpoint.websocketcloses.show-values=when-authorized",
					"management.endpoint.websocketcloses.roles=OPS")
			.run((context) -> {
				WebSocketClosesEndpoint endpoint = closeWithPeerText(context);
				assertThat(endpoint.closes(user("OPS")).recentUnclean().get(0).reason()).isEqualTo("secret reason");
				assertThat(endpoint.closes(user("DEV")).recentUnclean().get(0).reason()).isEqualTo("******");
				assertThat(endpoint.closes(SecurityContext.NONE).recentUnclean().get(0).reason()).isEqualTo("******");
			});
	}

	/**
	 * Report an unclean close of session {@code s1} with a reason and a transport error.
	 */
	private static WebSocketClosesEndpoint closeWithPeerText(ApplicationContext context) {
		CloseReporter reporter = context.getBean(CloseReporter.class);
		TrackedSession session = reporter.opened("s1", "/chat", null, null);
		session.transportError(new IOException("secret error"));
		reporter.closed(session, 1011, "secret reason");
		return context.getBean(WebSocketClosesEndpoint.class);
	}

	private static SecurityContext user(String role) {
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "alice";
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return candidate.equals(role);
			}

		};
	}

	@Test
	void endpointThatIsNotExposedRecordsNothing() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(WebSocketClosesEndpoint.class);
			assertThat(context).doesNotHaveBean(CloseReportRecorder.class);
			assertThat(context).hasSingleBean(CloseReporter.class);
		});
	}

	@Test
	void endpointWhoseAccessIsNoneRecordsNothing() {
		this.exposed.withPropertyValues("management.endpoint.websocketcloses.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(CloseReportRecorder.class));
	}

	@Test
	void withoutActuatorThereIsNoEndpointAndNoFailure() {
		this.exposed.withClassLoader(new FilteredClassLoader(Endpoint.class, ConditionalOnAvailableEndpoint.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(CloseReportRecorder.class);
				assertThat(context).hasSingleBean(CloseReporter.class);
			});
	}

	@Test
	void disabledLeavesNoEndpoint() {
		this.exposed.withPropertyValues("wsclose.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CloseReportRecorder.class)
				.doesNotHaveBean(WebSocketClosesEndpoint.class));
	}

	@Test
	void userRecorderMakesTheRecorderBackOffAndIsReported() {
		CloseReportRecorder recorder = new CloseReportRecorder(7);
		this.exposed.withBean(CloseReportRecorder.class, () -> recorder).run((context) -> {
			assertThat(context).getBean(CloseReportRecorder.class).isSameAs(recorder);
			CloseReporter reporter = context.getBean(CloseReporter.class);
			reporter.closed(reporter.opened("s1", "/chat", null, null), 1000, null);
			assertThat(recorder.report().endpoints().get("/chat").closes()).isEqualTo(1);
		});
	}

	@Test
	void userEndpointMakesTheEndpointBackOff() {
		WebSocketClosesEndpoint endpoint = new WebSocketClosesEndpoint(new CloseReportRecorder(1));
		this.exposed.withBean(WebSocketClosesEndpoint.class, () -> endpoint)
			.run((context) -> assertThat(context).getBean(WebSocketClosesEndpoint.class).isSameAs(endpoint));
	}

	@Test
	void recentUncleanSizeIsFiftyByDefaultAndBoundFromProperties() {
		this.exposed.run((context) -> assertThat(context.getBean(CloseReportRecorder.class).getRecentUncleanSize())
			.isEqualTo(50));
		this.exposed.withPropertyValues("wsclose.report.recent-unclean-size=10000")
			.run((context) -> assertThat(context.getBean(CloseReportRecorder.class).getRecentUncleanSize())
				.isEqualTo(10000));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 10001 })
	void recentUncleanSizeOutOfRangeFailsStartupWithAClearMessage(int size) {
		this.exposed.withPropertyValues("wsclose.report.recent-unclean-size=" + size).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("wsclose.report.recent-unclean-size must be from 1 to 10000, was " + size);
		});
	}

	@Test
	void closeIsInTheReportBeforeItsEventIsPublished() {
		this.exposed.withUserConfiguration(ReportReader.class).run((context) -> {
			CloseReporter reporter = context.getBean(CloseReporter.class);
			SessionClose close = reporter.closed(reporter.opened("s1", "/chat", null, null), 1000, null);
			assertThat(close).isNotNull();
			assertThat(context.getBean(ReportReader.class).closesSeen).containsExactly(1L);
		});
	}

	@Test
	void recorderIsOrderedAfterTheMetricsAndBeforeTheEventPublisher() {
		assertThat(WebSocketCloseReportAutoConfiguration.REPORT_ORDER)
			.isGreaterThan(WebSocketCloseMetricsAutoConfiguration.METRICS_ORDER)
			.isLessThan(WebSocketCloseAutoConfiguration.EVENT_PUBLISHER_ORDER);
		this.exposed.run((context) -> assertThat(context.getBeanProvider(SessionLifecycleListener.class)
			.orderedStream()
			.map(Object::getClass)
			.map(Class::getSimpleName)).containsExactly("CloseReportRecorder", "CloseEventPublisher"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportReader {

		private final WebSocketClosesEndpoint endpoint;

		final List<Long> closesSeen = new CopyOnWriteArrayList<>();

		ReportReader(WebSocketClosesEndpoint endpoint) {
			this.endpoint = endpoint;
		}

		@EventListener
		void onClose(WebSocketSessionClosedEvent event) {
			this.closesSeen.add(this.endpoint.closes(SecurityContext.NONE).endpoints().get("/chat").closes());
		}

	}

}
