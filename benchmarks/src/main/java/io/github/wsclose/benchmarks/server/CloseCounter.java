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

package io.github.wsclose.benchmarks.server;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.github.wsclose.WebSocketSessionClosedEvent;

import org.springframework.context.event.EventListener;

/**
 * The application's one {@code @EventListener} for close events, as a user would write
 * it: it counts them.
 */
public class CloseCounter implements LongSupplier {

	private final LongAdder closes = new LongAdder();

	@EventListener
	public void onClose(WebSocketSessionClosedEvent event) {
		this.closes.increment();
	}

	@Override
	public long getAsLong() {
		return this.closes.sum();
	}

}
