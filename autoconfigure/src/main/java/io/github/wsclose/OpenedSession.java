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

import java.net.URI;
import java.security.Principal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A read-only description of a WebSocket session that has just opened, as the
 * {@link CloseReporter} hands it to every {@link SessionLifecycleListener}.
 *
 * <p>
 * Listeners get this rather than the {@link TrackedSession} the adapters update, so no
 * listener can change what is reported about the session.
 *
 * @param sessionId the session's id
 * @param endpoint the mapped path pattern the session was opened on, {@code null} when
 * not known
 * @param uri the handshake URI, when known
 * @param principal the authenticated user as known when the session opened, if any
 * @param openedAt when the session opened
 * @since 0.1.0
 */
public record OpenedSession(String sessionId, @Nullable String endpoint, @Nullable URI uri,
		@Nullable Principal principal, Instant openedAt) {

	/**
	 * Return a one-line description, safe for logs: the URI and the principal are left
	 * out.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "OpenedSession[id=" + LogSafe.quote(this.sessionId) + ", endpoint=" + this.endpoint + "]";
	}

}
