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

/**
 * The tests of {@link CloseReportingWebSocketHandlerTests} with watchers that subscribe
 * to the close status only when needed, as on Reactor Netty: they learn that the
 * connection closed from the session, as Reactor Netty's from its channel.
 */
class LazyCloseStatusWebSocketHandlerTests extends CloseReportingWebSocketHandlerTests {

	@Override
	SessionCloseWatcherFactory watchers() {
		return (handler, session, principal) -> new SessionCloseWatcher(handler, session, principal) {

			@Override
			boolean watchConnection() {
				((StubWebSocketSession) session).onConnectionClose(this::connectionClosed);
				return true;
			}

		};
	}

	@Override
	int idleCloseStatusSubscribers() {
		return 0;
	}

}
