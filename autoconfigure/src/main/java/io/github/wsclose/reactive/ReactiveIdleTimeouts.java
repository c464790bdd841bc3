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

package io.github.wsclose.reactive;

import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * The one place that tells a reactive session's idle timeout from its errors: Reactor
 * Netty's {@code ReadTimeoutHandler} and {@code WriteTimeoutHandler} fail the session's
 * inbound messages with their {@code io.netty.handler.timeout} exceptions, and Reactor's
 * {@code timeout(...)} operator, the usual idle timeout of a WebFlux handler, fails with
 * a {@link TimeoutException}. An {@code IdleStateHandler} only fires an event: whatever
 * closes the connection on it ends the session with no close frame, reported as
 * {@code connection_lost}.
 */
final class ReactiveIdleTimeouts {

	private static final String NETTY_TIMEOUTS = "io.netty.handler.timeout.";

	private static final int MAX_DEPTH = 8;

	private ReactiveIdleTimeouts() {
	}

	/**
	 * Return whether an error, or one of its causes, is an idle or read timeout.
	 * @param error the error
	 * @return whether a timeout ended the session
	 */
	static boolean isIdleTimeout(@Nullable Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof TimeoutException || current.getClass().getName().startsWith(NETTY_TIMEOUTS)) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

}
