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
 * Receives the outcome of every WebSocket handshake on an instrumented endpoint, from the
 * {@link HandshakeReporter}. The starter's handshake metrics, report and
 * rejected-handshake events are listeners of this type; applications may add their own
 * beans of it.
 *
 * <p>
 * Handshakes are kept apart from {@link SessionLifecycleListener}: a refused handshake
 * has no session. Listeners are called on the thread that handled the handshake; an
 * exception thrown by one listener is logged and never reaches the client, the container
 * or the other listeners.
 *
 * @since 0.1.0
 */
public interface HandshakeListener {

	/**
	 * Called once for every endpoint pattern the application maps, as soon as the
	 * mappings are known, before any handshake is made on it: so that a count of the
	 * endpoint's handshakes can exist at zero.
	 * @param endpoint the mapped path pattern
	 */
	default void endpointMapped(String endpoint) {
	}

	/**
	 * Called exactly once for every handshake, accepted or not.
	 * @param handshake how the handshake ended
	 */
	void handshake(HandshakeResult handshake);

}
