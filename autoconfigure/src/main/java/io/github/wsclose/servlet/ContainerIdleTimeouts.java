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

package io.github.wsclose.servlet;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * The one place that reads a servlet container's idle timeout from what the container
 * tells Spring, since neither Tomcat nor Jetty tells it through an API a decorator can
 * hook.
 *
 * <ul>
 * <li>Tomcat expires an idle session with 1001 on the wire and reports 1006 locally, with
 * its English message {@code "The WebSocket session [id] idle timeout expired"} (also
 * {@code "read idle timeout expired"} and {@code "write idle timeout expired"}) as the
 * reason; under a locale with translated Tomcat messages the text differs and the close
 * is reported as {@code connection_lost}.</li>
 * <li>Jetty fails the session with its public
 * {@code org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException} before it
 * reports 1001 "Connection Idle Timeout".</li>
 * </ul>
 *
 * <p>
 * Each rule is tested against its container by the conformance suite.
 */
final class ContainerIdleTimeouts {

	private static final String TOMCAT_PREFIX = "The WebSocket session [";

	private static final String TOMCAT_SUFFIX = "idle timeout expired";

	private static final String JETTY_TIMEOUT = "org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException";

	private static final int ABNORMAL_CLOSURE = 1006;

	private ContainerIdleTimeouts() {
	}

	/**
	 * Return whether a close status is Tomcat's report of its idle timeout.
	 * @param status the status Spring reported
	 * @return whether Tomcat expired the session
	 */
	static boolean isTomcatIdleTimeout(CloseStatus status) {
		String reason = status.getReason();
		return status.getCode() == ABNORMAL_CLOSURE && reason != null && reason.startsWith(TOMCAT_PREFIX)
				&& reason.endsWith(TOMCAT_SUFFIX);
	}

	/**
	 * Return whether a transport error is Jetty's idle timeout.
	 * @param error the error Spring reported
	 * @return whether Jetty's idle timeout expired
	 */
	static boolean isJettyIdleTimeout(@Nullable Throwable error) {
		return error != null && error.getClass().getName().equals(JETTY_TIMEOUT);
	}

}
