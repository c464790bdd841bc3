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

package io.github.wsclose.support;

import java.time.Duration;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.OpenSessionsCloser;

import org.springframework.context.SmartLifecycle;

/**
 * Closes the WebSocket sessions still open when the application context stops, with 1001
 * (Going Away), and waits for them to be reported, so that each is published and counted
 * while the listeners and the meter registry are still there.
 *
 * <p>
 * It stops in phase {@value #PHASE}: after the message broker's
 * {@code SubProtocolWebSocketHandler} (which closes STOMP sessions itself, in the default
 * phase) and before Spring Boot's web server graceful shutdown
 * ({@code DEFAULT_PHASE - 1024}), which would otherwise wait for WebSocket connections to
 * end (Reactor Netty), and before the web server stops ({@code DEFAULT_PHASE - 2048}) or
 * is destroyed after the beans are (Tomcat closes its sessions only then). A session
 * whose closing handshake does not complete within the timeout is reported as 1006, not
 * clean, closed by the server.
 *
 * @since 0.1.0
 * @see OpenSessionsCloser
 */
public final class WebSocketSessionsShutdownLifecycle implements SmartLifecycle {

	/**
	 * The phase this lifecycle stops in: before the web server's graceful shutdown.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	/**
	 * How long stopping waits for the sessions it closed to be reported, by default.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final CloseReporter reporter;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Create a lifecycle that waits {@linkplain #DEFAULT_TIMEOUT five seconds} at most.
	 * @param reporter the reporter that knows the open sessions
	 */
	public WebSocketSessionsShutdownLifecycle(CloseReporter reporter) {
		this(reporter, DEFAULT_TIMEOUT);
	}

	/**
	 * Create a lifecycle.
	 * @param reporter the reporter that knows the open sessions
	 * @param timeout how long stopping waits for the sessions it closed to be reported
	 */
	public WebSocketSessionsShutdownLifecycle(CloseReporter reporter, Duration timeout) {
		this.reporter = reporter;
		this.timeout = timeout;
	}

	/**
	 * Return how long stopping waits for the sessions it closed to be reported.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		new OpenSessionsCloser(this.reporter).closeAll(this.timeout);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public String toString() {
		return "WebSocketSessionsShutdownLifecycle [timeout=" + this.timeout + "]";
	}

}
