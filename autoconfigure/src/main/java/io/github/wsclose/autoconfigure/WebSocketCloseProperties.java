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

package io.github.wsclose.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for WebSocket close reporting.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("wsclose")
public class WebSocketCloseProperties {

	/**
	 * Whether WebSocket sessions are instrumented at all.
	 */
	private boolean enabled = true;

	/**
	 * Names of application or library close codes (3000-4999), used as the close code's
	 * name and 'status' tag, for example 'wsclose.codes.4001=unauthorized'. A name is
	 * lower snake_case, [a-z][a-z0-9_]{0,62}. 4500 is named 'session_not_reliable' unless
	 * renamed here.
	 */
	private Map<Integer, String> codes = new LinkedHashMap<>();

	private final Events events = new Events();

	private final Metrics metrics = new Metrics();

	private final Report report = new Report();

	private final Shutdown shutdown = new Shutdown();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<Integer, String> getCodes() {
		return this.codes;
	}

	public void setCodes(Map<Integer, String> codes) {
		this.codes = codes;
	}

	public Events getEvents() {
		return this.events;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Report getReport() {
		return this.report;
	}

	/**
	 * Close event properties.
	 */
	public static class Events {

		/**
		 * Whether a WebSocketSessionClosedEvent is published for every closed session.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Close metrics properties.
	 */
	public static class Metrics {

		/**
		 * Whether WebSocket session meters are recorded. Needs a MeterRegistry bean.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Shutdown properties.
	 */
	public static class Shutdown {

		/**
		 * How long stopping the application waits for the WebSocket sessions it closes
		 * with 1001 to be reported. Sessions not reported by then are reported as 1006.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			if (timeout.isNegative()) {
				throw new IllegalArgumentException("wsclose.shutdown.timeout must not be negative, was " + timeout);
			}
			this.timeout = timeout;
		}

	}

	/**
	 * Close report properties: the 'websocketcloses' Actuator endpoint.
	 */
	public static class Report {

		/**
		 * The default number of recent unclean closes listed.
		 */
		public static final int DEFAULT_RECENT_UNCLEAN_SIZE = 50;

		/**
		 * The most recent unclean closes that may be listed.
		 */
		public static final int MAX_RECENT_UNCLEAN_SIZE = 10_000;

		/**
		 * How many of the most recent unclean closes the 'websocketcloses' endpoint
		 * lists, from 1 to 10000.
		 */
		private int recentUncleanSize = DEFAULT_RECENT_UNCLEAN_SIZE;

		public int getRecentUncleanSize() {
			return this.recentUncleanSize;
		}

		public void setRecentUncleanSize(int recentUncleanSize) {
			if (recentUncleanSize < 1 || recentUncleanSize > MAX_RECENT_UNCLEAN_SIZE) {
				throw new IllegalArgumentException("wsclose.report.recent-unclean-size must be from 1 to "
						+ MAX_RECENT_UNCLEAN_SIZE + ", was " + recentUncleanSize);
			}
			this.recentUncleanSize = recentUncleanSize;
		}

	}

}
