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

/**
 * Receives the opening and the close of every instrumented WebSocket session, from the
 * {@link CloseReporter}. Close events and close metrics are the two listeners that come
 * with the starter; applications may add their own beans of this type.
 *
 * <p>
 * Listeners are called on the thread that reports the close; an exception thrown by one
 * listener is logged and never reaches the container, the handler or the other listeners.
 *
 * @since 0.1.0
 */
public interface SessionLifecycleListener {

	/**
	 * Called when an instrumented session has opened.
	 * @param session a read-only description of the session
	 */
	default void sessionOpened(OpenedSession session) {
	}

	/**
	 * Called once for every endpoint pattern the application maps, as soon as the
	 * mappings are known, before any session opens on it: so that a count of the
	 * endpoint's sessions can exist at zero.
	 * @param endpoint the mapped path pattern
	 */
	default void endpointMapped(String endpoint) {
	}

	/**
	 * Called exactly once when an instrumented session has closed.
	 * @param close how the session ended
	 */
	void sessionClosed(SessionClose close);

}
