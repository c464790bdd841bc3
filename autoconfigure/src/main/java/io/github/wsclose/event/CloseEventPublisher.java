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

import io.github.wsclose.SessionClose;
import io.github.wsclose.SessionLifecycleListener;
import io.github.wsclose.WebSocketSessionClosedEvent;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a {@link WebSocketSessionClosedEvent} for every close.
 *
 * @since 0.1.0
 */
public final class CloseEventPublisher implements SessionLifecycleListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a publisher.
	 * @param publisher where events go, usually the application context
	 */
	public CloseEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void sessionClosed(SessionClose close) {
		this.publisher.publishEvent(new WebSocketSessionClosedEvent(close));
	}

	@Override
	public String toString() {
		return "CloseEventPublisher";
	}

}
