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
package io.github.wsclose.event;

import io.github.wsclose.HandshakeListener;
import io.github.wsclose.HandshakeResult;
import io.github.wsclose.WebSocketHandshakeRejectedEvent;

import org.springframework.context.ApplicationEventPublisher;

/**
 * A {@link HandshakeListener} that publishes a {@link WebSocketHandshakeRejectedEvent}
 * for every handshake that did not become a session; accepted handshakes publish nothing.
 *
 * <p>
 * It is ordered after the handshake metrics and report, so that a listener of the event
 * finds the handshake already counted.
 *
 * @since 0.1.0
 */
public final class HandshakeEventPublisher implements HandshakeListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a publisher.
	 * @param publisher where events go, usually the application context
	 */
	public HandshakeEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void handshake(HandshakeResult handshake) {
		if (handshake.outcome().isRejected()) {
			this.publisher.publishEvent(new WebSocketHandshakeRejectedEvent(handshake));
		}
	}

	@Override
	public String toString() {
		return "HandshakeEventPublisher";
	}

}
