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

import io.github.wsclose.CloseCategory;
import io.github.wsclose.CloseCause;
import io.github.wsclose.CloseCode;
import io.github.wsclose.HandshakeOutcome;
import io.github.wsclose.HandshakeResult;
import io.github.wsclose.Initiator;
import io.github.wsclose.SessionClose;
import io.github.wsclose.WebSocketHandshakeRejectedEvent;
import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.actuate.CloseReport;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.util.ClassUtils;

/**
 * {@link RuntimeHintsRegistrar} for what wsclose reaches reflectively, so that an
 * application processed by Spring AOT (a GraalVM native image, or the JVM with
 * {@code spring.aot.enabled=true}) behaves as it does without.
 *
 * <p>
 * Three things are reached by reflection rather than by code the AOT engine follows:
 * <ul>
 * <li>the {@code websocketcloses} endpoint's {@link CloseReport} and its nested records,
 * which Actuator writes as JSON;</li>
 * <li>{@link WebSocketCloseProperties} and its nested groups, which the binder fills from
 * the {@code wsclose.*} properties;</li>
 * <li>{@link WebSocketSessionClosedEvent} and the types its accessors return, which
 * applications read through SpEL ({@code @EventListener(condition = "#event.code ==
 * 4001")}) or write as JSON, and likewise {@link WebSocketHandshakeRejectedEvent} and its
 * types.</li>
 * </ul>
 * Registered with {@link ImportRuntimeHints @ImportRuntimeHints} on
 * {@link WebSocketCloseAutoConfiguration}.
 *
 * @since 0.1.0
 */
public final class WebSocketCloseRuntimeHints implements RuntimeHintsRegistrar {

	private static final String ACTUATOR_ENDPOINT = "org.springframework.boot.actuate.endpoint.Show";

	private final BindingReflectionHintsRegistrar bindingHints = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(WebSocketCloseProperties.class).registerHints(hints, classLoader);
		if (ClassUtils.isPresent(ACTUATOR_ENDPOINT, classLoader)) {
			// the report's types need Actuator: an application without it has no endpoint
			this.bindingHints.registerReflectionHints(hints.reflection(), CloseReport.class);
			BindableRuntimeHintsRegistrar.forTypes(WebSocketClosesEndpointProperties.class)
				.registerHints(hints, classLoader);
		}
		for (Class<?> type : new Class<?>[] { WebSocketSessionClosedEvent.class, SessionClose.class, CloseCode.class,
				CloseCategory.class, Initiator.class, CloseCause.class, WebSocketHandshakeRejectedEvent.class,
				HandshakeResult.class, HandshakeOutcome.class }) {
			hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
