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

package io.github.wsclose;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Closes the sessions still open when the application stops, and waits for them to be
 * reported, so that every session is reported while the listeners (the event publisher,
 * the meter registry) are still there.
 *
 * <p>
 * Each session is closed through the closer its adapter gave
 * ({@link TrackedSession#closeOnShutdownWith(Runnable)}). The wait is a latch that each
 * report counts down. A session not reported by the deadline is reported then as an
 * abnormal closure (1006), closed by this side and not clean: its closing handshake did
 * not complete before the application stopped.
 *
 * @since 0.1.0
 */
public final class OpenSessionsCloser {

	private static final Log logger = LogFactory.getLog(OpenSessionsCloser.class);

	private final CloseReporter reporter;

	/**
	 * Create a closer of the sessions a reporter knows.
	 * @param reporter the reporter that tracks the open sessions
	 */
	public OpenSessionsCloser(CloseReporter reporter) {
		this.reporter = reporter;
	}

	/**
	 * Close every session that is still open and wait for the servers to report them.
	 * @param timeout how long to wait for the reports
	 * @return how many sessions had to be reported without waiting for their server
	 */
	public int closeAll(Duration timeout) {
		this.reporter.shuttingDown();
		List<TrackedSession> sessions = this.reporter.openSessions().snapshot();
		CountDownLatch reported = new CountDownLatch(sessions.size());
		for (TrackedSession session : sessions) {
			session.countDownWhenReported(reported);
			session.serverClosing();
			close(session);
		}
		try {
			reported.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int unreported = 0;
		for (TrackedSession session : sessions) {
			if (this.reporter.closed(session, CloseCode.ABNORMAL_CLOSURE.code(), null) != null) {
				unreported++;
			}
		}
		if (unreported > 0 && logger.isDebugEnabled()) {
			logger.debug(unreported + " WebSocket session(s) did not finish closing within " + timeout
					+ " of shutdown; reported as 1006");
		}
		return unreported;
	}

	private static void close(TrackedSession session) {
		Runnable closer = session.closer();
		if (closer == null || session.isReported()) {
			return;
		}
		try {
			closer.run();
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Could not close WebSocket session " + LogSafe.quote(session.getId()) + " on shutdown",
						ex);
			}
		}
	}

}
