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

import java.util.HashMap;
import java.util.Map;

import io.github.wsclose.metrics.WebSocketSessionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A conformance application running on one {@link ServerUnderTest}, on a random port of
 * {@code 127.0.0.1}.
 */
final class RunningServer implements AutoCloseable {

	private final ServerUnderTest server;

	private final ConfigurableApplicationContext context;

	private final int port;

	private RunningServer(ServerUnderTest server, ConfigurableApplicationContext context) {
		this.server = server;
		this.context = context;
		// Boot's 'local.server.port', on every line (Boot 4 moved
		// WebServerApplicationContext)
		this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	static RunningServer start(ServerUnderTest server, String... properties) {
		boolean servlet = server.stack() == ServerUnderTest.Stack.SERVLET;
		ConfigurableApplicationContext context = new SpringApplicationBuilder(
				servlet ? ServletConformanceApplication.class : ReactiveConformanceApplication.class,
				server.configuration())
			.web(servlet ? WebApplicationType.SERVLET : WebApplicationType.REACTIVE)
			.bannerMode(Banner.Mode.OFF)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.register-shutdown-hook=false",
					"wsclose.codes.4001=unauthorized",
					// Keep the cases apart on Tomcat: with its processor cache, a SockJS
					// streaming connection whose heartbeat write failed was seen to make
					// the first write of a later request, on another connection, fail
					// with "Broken pipe" (3 of 16 new eventsource sessions right after
					// such a drop; none of 48 with no cache). See docs/containers.md.
					"server.tomcat.processor-cache=0")
			.properties(properties)
			.run();
		return new RunningServer(server, context);
	}

	ServerUnderTest server() {
		return this.server;
	}

	int port() {
		return this.port;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	CloseRecorder events() {
		return this.context.getBean(CloseRecorder.class);
	}

	ShutdownCheckingMeterRegistry registry() {
		return this.context.getBean(ShutdownCheckingMeterRegistry.class);
	}

	/**
	 * Return the count of every {@code websocket.sessions.closed} series.
	 * @return the counts by meter id
	 */
	Map<Meter.Id, Double> closedCounts() {
		Map<Meter.Id, Double> counts = new HashMap<>();
		for (Counter counter : registry().find(WebSocketSessionMetrics.CLOSED).counters()) {
			counts.put(counter.getId(), counter.count());
		}
		return counts;
	}

	/**
	 * Return {@code websocket.sessions.opened} of an endpoint.
	 * @param endpoint the endpoint tag
	 * @return the count, 0 before the first session
	 */
	double opened(String endpoint) {
		Counter counter = registry().find(WebSocketSessionMetrics.OPENED).tag("endpoint", endpoint).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Return the sum of {@code websocket.sessions.closed} of an endpoint.
	 * @param endpoint the endpoint tag
	 * @return the count
	 */
	double closed(String endpoint) {
		return registry().find(WebSocketSessionMetrics.CLOSED)
			.tag("endpoint", endpoint)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/**
	 * Return {@code websocket.sessions.active} of an endpoint.
	 * @param endpoint the endpoint tag
	 * @return the gauge's value, 0 before the first session
	 */
	double active(String endpoint) {
		Gauge gauge = registry().find(WebSocketSessionMetrics.ACTIVE).tag("endpoint", endpoint).gauge();
		return (gauge != null) ? gauge.value() : 0;
	}

	/**
	 * Return the sum of {@code websocket.sessions.active} over every endpoint.
	 * @return the sessions open now
	 */
	double activeSessions() {
		return registry().find(WebSocketSessionMetrics.ACTIVE).gauges().stream().mapToDouble(Gauge::value).sum();
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Override
	public String toString() {
		return this.server + " on port " + this.port;
	}

}
