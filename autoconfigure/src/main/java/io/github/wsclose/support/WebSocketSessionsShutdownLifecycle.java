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
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Closes the WebSocket sessions still open when the application context closes, with 1001
 * (Going Away), and waits for them to be reported, so that each is published and counted
 * while the listeners and every meter registry are still there.
 *
 * <p>
 * It closes them when the context publishes its {@link ContextClosedEvent}, as the first
 * listener of it: Spring Boot closes the meter registries on that event
 * ({@code MeterRegistryCloser}, and push registries flush on close), before any lifecycle
 * bean stops. From then on the reporter is shutting down, so a session that opens later
 * (a handshake that was under way) is closed as soon as it opens. It stops again in phase
 * {@value #PHASE}, after the message broker and before Spring Boot's web server graceful
 * shutdown ({@code DEFAULT_PHASE - 1024}), to close any such session still open. Both
 * together take at most the timeout; a session whose closing handshake has not completed
 * by then is reported as 1006, not clean, closed by the server.
 *
 * @since 0.1.0
 * @see OpenSessionsCloser
 */
public final class WebSocketSessionsShutdownLifecycle
		implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, ApplicationContextAware, Ordered {

	/**
	 * The phase this lifecycle stops in: before the web server's graceful shutdown.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	/**
	 * How long closing the open sessions may take, by default.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final CloseReporter reporter;

	private final Duration timeout;

	private @Nullable ApplicationContext context;

	private volatile long deadlineNanos;

	private volatile boolean closing;

	private volatile boolean running;

	/**
	 * Create a lifecycle that takes {@linkplain #DEFAULT_TIMEOUT five seconds} at most.
	 * @param reporter the reporter that knows the open sessions
	 */
	public WebSocketSessionsShutdownLifecycle(CloseReporter reporter) {
		this(reporter, DEFAULT_TIMEOUT);
	}

	/**
	 * Create a lifecycle.
	 * @param reporter the reporter that knows the open sessions
	 * @param timeout how long closing the open sessions may take in all
	 */
	public WebSocketSessionsShutdownLifecycle(CloseReporter reporter, Duration timeout) {
		this.reporter = reporter;
		this.timeout = timeout;
	}

	/**
	 * Return how long closing the open sessions may take in all.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * Close the open sessions as this context closes, before the meter registries do.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (this.context == null || event.getApplicationContext() == this.context) {
			closeOpenSessions();
		}
	}

	/**
	 * Return {@link Ordered#HIGHEST_PRECEDENCE}: the sessions are closed before any other
	 * listener of the context's close, Spring Boot's closer of the meter registries among
	 * them.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		closeOpenSessions();
	}

	private void closeOpenSessions() {
		if (!this.closing) {
			this.closing = true;
			this.deadlineNanos = System.nanoTime() + this.timeout.toNanos();
		}
		long left = Math.max(0, this.deadlineNanos - System.nanoTime());
		new OpenSessionsCloser(this.reporter).closeAll(Duration.ofNanos(left));
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
