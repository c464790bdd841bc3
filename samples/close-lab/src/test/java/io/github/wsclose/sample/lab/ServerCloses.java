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

package io.github.wsclose.sample.lab;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wsclose.WebSocketSessionClosedEvent;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.web.util.UriComponentsBuilder;

import static org.awaitility.Awaitility.await;

/**
 * Records the server's close events by the lab page's socket id (the {@code id} query
 * parameter of the handshake URI), straight from the application context.
 */
@TestConfiguration(proxyBeanMethods = false)
class ServerCloses {

	private final Map<String, WebSocketSessionClosedEvent> byLabId = new ConcurrentHashMap<>();

	@EventListener
	void closed(WebSocketSessionClosedEvent event) {
		URI uri = event.getUri();
		String id = (uri != null) ? UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("id") : null;
		if (id != null) {
			this.byLabId.put(id, event);
		}
	}

	/**
	 * Return whether the server has reported the close of a lab socket.
	 * @param labId the page's id for the socket
	 * @return whether it has
	 */
	boolean hasClosed(String labId) {
		return this.byLabId.containsKey(labId);
	}

	/**
	 * Wait, twenty seconds at most, for the close of a lab socket.
	 * @param labId the page's id for the socket
	 * @return the server's close event
	 */
	WebSocketSessionClosedEvent awaitClose(String labId) {
		await().alias("the server's close event of lab socket " + labId)
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.byLabId.containsKey(labId));
		return this.byLabId.get(labId);
	}

}
