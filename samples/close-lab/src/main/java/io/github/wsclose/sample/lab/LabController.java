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

import java.util.Comparator;
import java.util.List;

import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The lab page's HTTP API: the live event stream and the current
 * {@code websocket.sessions.closed} counts.
 */
@RestController
class LabController {

	private final LabEvents events;

	private final MeterRegistry registry;

	LabController(LabEvents events, MeterRegistry registry) {
		this.events = events;
		this.registry = registry;
	}

	@GetMapping(path = "/lab/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		return this.events.subscribe();
	}

	/**
	 * Return every series of {@code websocket.sessions.closed}, as a table.
	 * @return one row per series
	 */
	@GetMapping("/lab/counts")
	List<ClosedCount> counts() {
		return this.registry.find(WebSocketSessionMetrics.CLOSED)
			.counters()
			.stream()
			.map(ClosedCount::of)
			.sorted(Comparator.comparing(ClosedCount::endpoint)
				.thenComparing(Comparator.comparingDouble(ClosedCount::count).reversed())
				.thenComparing(ClosedCount::code))
			.toList();
	}

	/**
	 * One series of {@code websocket.sessions.closed}.
	 *
	 * @param endpoint the {@code endpoint} tag
	 * @param code the {@code code} tag
	 * @param status the {@code status} tag
	 * @param category the {@code category} tag
	 * @param clean the {@code clean} tag
	 * @param initiator the {@code initiator} tag
	 * @param cause the {@code cause} tag
	 * @param count the count
	 */
	record ClosedCount(String endpoint, String code, String status, String category, String clean, String initiator,
			String cause, double count) {

		static ClosedCount of(Counter counter) {
			return new ClosedCount(counter.getId().getTag("endpoint"), counter.getId().getTag("code"),
					counter.getId().getTag("status"), counter.getId().getTag("category"),
					counter.getId().getTag("clean"), counter.getId().getTag("initiator"),
					counter.getId().getTag("cause"), counter.count());
		}

	}

}
