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

package io.github.wsclose.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.WebSocketSessionClosedEvent;

import org.springframework.context.ApplicationListener;

import static org.awaitility.Awaitility.await;

/**
 * Records every {@link WebSocketSessionClosedEvent} the application publishes, and
 * whether the meter registry was already closed when it came.
 */
final class CloseRecorder implements ApplicationListener<WebSocketSessionClosedEvent> {

	private final ShutdownCheckingMeterRegistry registry;

	private final List<WebSocketSessionClosedEvent> events = new CopyOnWriteArrayList<>();

	private final List<WebSocketSessionClosedEvent> afterRegistryClosed = new CopyOnWriteArrayList<>();

	CloseRecorder(ShutdownCheckingMeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(WebSocketSessionClosedEvent event) {
		if (this.registry.isClosed()) {
			this.afterRegistryClosed.add(event);
		}
		this.events.add(event);
	}

	/**
	 * Return every event so far.
	 * @return the events
	 */
	List<WebSocketSessionClosedEvent> all() {
		return List.copyOf(this.events);
	}

	/**
	 * Return the events that came after the meter registry was closed.
	 * @return the late events
	 */
	List<WebSocketSessionClosedEvent> afterRegistryClosed() {
		return List.copyOf(this.afterRegistryClosed);
	}

	/**
	 * Return the events of the sessions opened with {@code ?case=<id>}.
	 * @param caseId the case's id
	 * @return the events
	 */
	List<WebSocketSessionClosedEvent> ofCase(String caseId) {
		String parameter = "case=" + caseId;
		return this.events.stream().filter((event) -> hasParameter(event.getUri(), parameter)).toList();
	}

	/**
	 * Wait for the first event of a case.
	 * @param caseId the case's id
	 * @param timeout how long to wait
	 * @return the first event
	 */
	WebSocketSessionClosedEvent awaitFirst(String caseId, Duration timeout) {
		await().atMost(timeout).until(() -> !ofCase(caseId).isEmpty());
		return ofCase(caseId).get(0);
	}

	/**
	 * Whether the URI's query has the parameter: SockJS's htmlfile transport needs a
	 * {@code c} parameter of its own.
	 */
	private static boolean hasParameter(URI uri, String parameter) {
		String query = (uri != null) ? uri.getRawQuery() : null;
		return query != null && Arrays.asList(query.split("&")).contains(parameter);
	}

}
