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

	/**
	 * Return whether WebSocket sessions are instrumented.
	 * @return whether WebSocket sessions are instrumented
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Set whether WebSocket sessions are instrumented.
	 * @param enabled whether WebSocket sessions are instrumented
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return the names of application or library close codes, by code.
	 * @return the names by code
	 */
	public Map<Integer, String> getCodes() {
		return this.codes;
	}

	/**
	 * Set the names of application or library close codes, by code.
	 * @param codes the names by code
	 */
	public void setCodes(Map<Integer, String> codes) {
		this.codes = codes;
	}

	/**
	 * Return the close event properties.
	 * @return the close event properties
	 */
	public Events getEvents() {
		return this.events;
	}

	/**
	 * Return the close metrics properties.
	 * @return the close metrics properties
	 */
	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * Return the shutdown properties.
	 * @return the shutdown properties
	 */
	public Shutdown getShutdown() {
		return this.shutdown;
	}

	/**
	 * Return the close report properties.
	 * @return the close report properties
	 */
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

		/**
		 * Return whether close events are published.
		 * @return whether close events are published
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Set whether close events are published.
		 * @param enabled whether close events are published
		 */
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

		/**
		 * Return whether meters are recorded.
		 * @return whether meters are recorded
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Set whether meters are recorded.
		 * @param enabled whether meters are recorded
		 */
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

		/**
		 * Return how long stopping the application waits for the sessions it closes to be
		 * reported.
		 * @return the shutdown timeout
		 */
		public Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Set how long stopping the application waits for the sessions it closes to be
		 * reported.
		 * @param timeout the shutdown timeout, zero or positive
		 */
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

		/**
		 * Return how many of the most recent unclean closes the endpoint lists.
		 * @return the number of recent unclean closes listed
		 */
		public int getRecentUncleanSize() {
			return this.recentUncleanSize;
		}

		/**
		 * Set how many of the most recent unclean closes the endpoint lists.
		 * @param recentUncleanSize the number of recent unclean closes listed, from 1 to
		 * 10000
		 */
		public void setRecentUncleanSize(int recentUncleanSize) {
			if (recentUncleanSize < 1 || recentUncleanSize > MAX_RECENT_UNCLEAN_SIZE) {
				throw new IllegalArgumentException("wsclose.report.recent-unclean-size must be from 1 to "
						+ MAX_RECENT_UNCLEAN_SIZE + ", was " + recentUncleanSize);
			}
			this.recentUncleanSize = recentUncleanSize;
		}

	}

}
