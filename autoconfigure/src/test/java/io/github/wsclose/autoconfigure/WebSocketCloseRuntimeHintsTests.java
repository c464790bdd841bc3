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

import java.util.function.Predicate;

import io.github.wsclose.CloseCause;
import io.github.wsclose.CloseCode;
import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.Initiator;
import io.github.wsclose.WebSocketHandshakeRejectedEvent;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.actuate.CloseReport;
import io.github.wsclose.actuate.HandshakeReport;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketCloseRuntimeHints}: what an AOT-processed application reaches
 * by reflection is registered.
 */
class WebSocketCloseRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	WebSocketCloseRuntimeHintsTests() {
		new WebSocketCloseRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void autoConfigurationImportsTheHints() {
		ImportRuntimeHints imported = WebSocketCloseAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class);
		assertThat(imported).isNotNull();
		assertThat(imported.value()).containsExactly(WebSocketCloseRuntimeHints.class);
	}

	@Test
	void endpointReportAndItsNestedRecordsCanBeWrittenAsJson() {
		for (Class<?> type : new Class<?>[] { CloseReport.class, CloseReport.EndpointCloses.class,
				CloseReport.CodeCloses.class, CloseReport.UncleanClose.class }) {
			assertThat(this.reflection.onType(type).withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
				.as(type.getName())
				.accepts(this.hints);
		}
		assertThat(invokes(CloseReport.class, "endpoints")).accepts(this.hints);
		assertThat(invokes(CloseReport.class, "recentUnclean")).accepts(this.hints);
		assertThat(invokes(CloseReport.EndpointCloses.class, "uncleanShare")).accepts(this.hints);
		assertThat(invokes(CloseReport.CodeCloses.class, "initiators")).accepts(this.hints);
		assertThat(invokes(CloseReport.UncleanClose.class, "transportError")).accepts(this.hints);
		assertThat(invokes(CloseReport.UncleanClose.class, "cause")).accepts(this.hints);
		assertThat(invokes(CloseReport.EndpointCloses.class, "causes")).accepts(this.hints);
		assertThat(invokes(CloseReport.CauseCloses.class, "medianIdleTime")).accepts(this.hints);
	}

	@Test
	void propertiesAndTheirNestedGroupsCanBeBound() {
		assertThat(this.reflection.onType(WebSocketCloseProperties.class)).accepts(this.hints);
		assertThat(invokes(WebSocketCloseProperties.class, "setCodes")).accepts(this.hints);
		assertThat(invokes(WebSocketCloseProperties.class, "getShutdown")).accepts(this.hints);
		assertThat(invokes(WebSocketCloseProperties.Shutdown.class, "setTimeout")).accepts(this.hints);
		assertThat(invokes(WebSocketCloseProperties.Report.class, "setRecentUncleanSize")).accepts(this.hints);
		assertThat(invokes(WebSocketCloseProperties.Events.class, "setEnabled")).accepts(this.hints);
		assertThat(invokes(WebSocketCloseProperties.Metrics.class, "setEnabled")).accepts(this.hints);
	}

	@Test
	void eventAccessorsCanBeReadBySpelConditions() {
		for (String accessor : new String[] { "getCode", "getReason", "getCloseCode", "isClean", "getInitiator",
				"getEndpoint", "getDuration", "getSessionId" }) {
			assertThat(invokes(WebSocketSessionClosedEvent.class, accessor)).as(accessor).accepts(this.hints);
		}
		assertThat(invokes(CloseCode.class, "tagValue")).accepts(this.hints);
		assertThat(invokes(CloseCode.class, "category")).accepts(this.hints);
		assertThat(this.reflection.onType(Initiator.class).withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS))
			.accepts(this.hints);
		assertThat(invokes(WebSocketSessionClosedEvent.class, "getCloseCause")).accepts(this.hints);
		assertThat(invokes(CloseCause.class, "tagValue")).accepts(this.hints);
	}

	@Test
	void handshakeReportAndRejectedEventCanBeWrittenAndRead() {
		for (Class<?> type : new Class<?>[] { HandshakeReport.class, HandshakeReport.EndpointHandshakes.class,
				HandshakeReport.RejectedHandshake.class }) {
			assertThat(this.reflection.onType(type).withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
				.as(type.getName())
				.accepts(this.hints);
		}
		assertThat(invokes(CloseReport.class, "handshakes")).accepts(this.hints);
		assertThat(invokes(HandshakeReport.RejectedHandshake.class, "origin")).accepts(this.hints);
		for (String accessor : new String[] { "getEndpoint", "getOutcome", "getStatus", "getOrigin", "getUri" }) {
			assertThat(invokes(WebSocketHandshakeRejectedEvent.class, accessor)).as(accessor).accepts(this.hints);
		}
		assertThat(invokes(HandshakeOutcome.class, "tagValue")).accepts(this.hints);
	}

	/**
	 * Whether the method may be invoked reflectively. {@code onMethod(..).invoke()} is
	 * the predicate that both Spring Framework 6.2 (Boot 3.5) and 7.0 have: 7.0's
	 * {@code onMethodInvocation} is not in 6.2, and the suite also runs on Boot 3.5.
	 */
	@SuppressWarnings({ "deprecation", "removal" })
	private Predicate<RuntimeHints> invokes(Class<?> type, String method) {
		return this.reflection.onMethod(type, method).invoke();
	}

	@Test
	void internalTypesAreNotExposed() {
		assertThat(this.reflection.onType(WebSocketCloseAutoConfiguration.class)).rejects(this.hints);
	}

}
