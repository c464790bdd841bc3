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

package io.github.wsclose.reactive.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.WebSocketSessionClosedEvent;

import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records every {@link WebSocketSessionClosedEvent} the application publishes.
 */
class RecordedCloseEvents implements ApplicationListener<WebSocketSessionClosedEvent> {

	private final List<WebSocketSessionClosedEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void onApplicationEvent(WebSocketSessionClosedEvent event) {
		this.events.add(event);
	}

	void clear() {
		this.events.clear();
	}

	List<WebSocketSessionClosedEvent> all() {
		return List.copyOf(this.events);
	}

	/**
	 * Wait for the first event, then make sure no second one follows for a while.
	 * @return the only event
	 */
	WebSocketSessionClosedEvent awaitExactlyOne() {
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.events.isEmpty());
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> this.events.size() == 1);
		assertThat(this.events).hasSize(1);
		return this.events.get(0);
	}

}
