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

package io.github.wsclose;

import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * The one place that reads a container's idle timeout from what it reports, for the
 * containers that tell it only in text or in their own exception types, on the servlet
 * and the WebFlux stack alike.
 *
 * <ul>
 * <li><b>Tomcat</b> expires an idle session with 1001 on the wire and reports 1006
 * locally, with its English message {@code "The WebSocket session [id] idle timeout
 * expired"} (or {@code "read idle timeout expired"}, {@code "write idle timeout
 * expired"}) as the reason. Spring Boot's embedded Tomcat carries these messages in
 * English only; with Tomcat's translations added to the classpath, under their locale,
 * the text differs and the close is reported as {@link CloseCause#CONNECTION_LOST}.</li>
 * <li><b>Jetty</b> closes an idle session with 1001 "Connection Idle Timeout" and reports
 * that code and reason. A peer that closes with the same code and reason (Jetty's own
 * client does at its idle timeout) is read the same way.</li>
 * <li><b>Reactor Netty</b>'s {@code ReadTimeoutHandler} and {@code WriteTimeoutHandler}
 * fail the inbound with exceptions of {@code io.netty.handler.timeout}, and Reactor's
 * {@code timeout(...)}, the usual idle timeout of a WebFlux handler, with a
 * {@link TimeoutException}. An {@code IdleStateHandler} only fires an event: whatever
 * closes the connection on it ends the session with no close frame.</li>
 * </ul>
 *
 * <p>
 * Each rule is tested against its container by the conformance suite
 * ({@code tests/conformance}).
 *
 * @since 0.1.0
 */
public final class ContainerIdleTimeouts {

	private static final String TOMCAT_PREFIX = "The WebSocket session [";

	private static final String TOMCAT_SUFFIX = "idle timeout expired";

	private static final String JETTY_REASON = "Connection Idle Timeout";

	private static final int GOING_AWAY = 1001;

	private static final int ABNORMAL_CLOSURE = 1006;

	private static final String NETTY_TIMEOUTS = "io.netty.handler.timeout.";

	private ContainerIdleTimeouts() {
	}

	/**
	 * Return whether a close, as the container reported it, is its idle timeout.
	 * @param code the code the stack reported
	 * @param reason the reason the stack reported, before any is left out
	 * @return whether Tomcat's or Jetty's idle timeout ended the session
	 */
	static boolean isIdleTimeout(int code, @Nullable String reason) {
		if (reason == null) {
			return false;
		}
		if (code == ABNORMAL_CLOSURE) {
			return reason.startsWith(TOMCAT_PREFIX) && reason.endsWith(TOMCAT_SUFFIX);
		}
		return code == GOING_AWAY && reason.equals(JETTY_REASON);
	}

	/**
	 * Return whether an error of a reactive session, or one of its causes, is an idle or
	 * read timeout.
	 * @param error the error
	 * @return whether Reactor Netty's timeout handlers or Reactor's {@code timeout(...)}
	 * raised it
	 */
	public static boolean isIdleTimeout(@Nullable Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 8; depth++) {
			if (current instanceof TimeoutException || current.getClass().getName().startsWith(NETTY_TIMEOUTS)) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

}
