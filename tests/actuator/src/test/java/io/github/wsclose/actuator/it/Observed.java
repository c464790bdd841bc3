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

package io.github.wsclose.actuator.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsclose.WebSocketSessionClosedEvent;
import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * What the tests observe an application with: a registry that records what it holds when
 * it is closed, beside Prometheus' own, and a listener that records every close event
 * (and sleeps 200 ms in each with {@code slow-listener=true}).
 */
@Configuration(proxyBeanMethods = false)
class Observed {

	/** The echo endpoint. */
	static final String ECHO = "/echo";

	/** A templated endpoint. */
	static final String ROOMS = "/rooms/{room}";

	@Bean
	RecordingAtClose recordingAtClose() {
		return new RecordingAtClose();
	}

	@Bean
	Events events(Environment environment) {
		return new Events(environment.getProperty("slow-listener", Boolean.class, false));
	}

	/**
	 * A registry that records, when it is closed, what it holds at that moment: Spring
	 * Boot closes every registry on the context's close, and what is counted after that
	 * is lost to a registry that publishes on close.
	 */
	static class RecordingAtClose extends SimpleMeterRegistry {

		volatile double closedWith1001AtClose = -1;

		volatile double closedAtClose = -1;

		volatile double openedAtClose = -1;

		volatile double activeAtClose = -1;

		@Override
		public void close() {
			if (!isClosed()) {
				this.closedWith1001AtClose = sum(find(WebSocketSessionMetrics.CLOSED).tag("code", "1001").counters());
				this.closedAtClose = closed();
				this.openedAtClose = opened();
				this.activeAtClose = active();
			}
			super.close();
		}

		/**
		 * Return the sum of {@code websocket.sessions.closed} over all its series now.
		 * @return the closes counted
		 */
		double closed() {
			return sum(find(WebSocketSessionMetrics.CLOSED).counters());
		}

		/**
		 * Return the sum of {@code websocket.sessions.opened} over all its series now.
		 * @return the sessions counted as opened
		 */
		double opened() {
			return sum(find(WebSocketSessionMetrics.OPENED).counters());
		}

		/**
		 * Return the sum of {@code websocket.sessions.active} over all its series now.
		 * @return the sessions open
		 */
		double active() {
			return find(WebSocketSessionMetrics.ACTIVE).gauges().stream().mapToDouble(Gauge::value).sum();
		}

		private static double sum(java.util.Collection<Counter> counters) {
			return counters.stream().mapToDouble(Counter::count).sum();
		}

	}

	/**
	 * Records every close event, and sleeps in each when it is slow.
	 */
	static class Events {

		final List<WebSocketSessionClosedEvent> closes = new CopyOnWriteArrayList<>();

		private final boolean slow;

		Events(boolean slow) {
			this.slow = slow;
		}

		@EventListener
		void onClose(WebSocketSessionClosedEvent event) throws InterruptedException {
			this.closes.add(event);
			if (this.slow) {
				Thread.sleep(200);
			}
		}

	}

}
