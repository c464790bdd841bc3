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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Closes the sessions still open when the application stops, and waits for them to be
 * reported, so that every session is reported while the listeners (the event publisher,
 * the meter registry) are still there.
 *
 * <p>
 * Each session is closed through the closer its adapter gave
 * ({@link TrackedSession#closeOnShutdownWith(Runnable)}), up to {@value #MAX_CLOSERS} at
 * a time on threads of its own, so that no peer and no listener holds up the others or
 * the deadline. The wait is a latch that each report counts down. A session not reported
 * by the deadline is reported then as an abnormal closure (1006), closed by this side and
 * not clean: its closing handshake did not complete before the application stopped.
 *
 * @since 0.1.0
 */
public final class OpenSessionsCloser {

	private static final Log logger = LogFactory.getLog(OpenSessionsCloser.class);

	/**
	 * The most sessions closed at the same time: a container's {@code close()} may block
	 * for a peer that does not read, and the listeners run on the thread that reports the
	 * close.
	 */
	static final int MAX_CLOSERS = 32;

	private static final AtomicInteger closerThreads = new AtomicInteger();

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
		if (sessions.isEmpty()) {
			// the usual second pass, and an application with no session open: no threads
			return 0;
		}
		CountDownLatch reported = new CountDownLatch(sessions.size());
		ExecutorService closers = Executors.newFixedThreadPool(Math.min(sessions.size(), MAX_CLOSERS),
				OpenSessionsCloser::closerThread);
		try {
			for (TrackedSession session : sessions) {
				session.countDownWhenReported(reported);
				session.closingOnShutdown();
				closers.execute(() -> close(session));
			}
			reported.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closers.shutdownNow();
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

	private static Thread closerThread(Runnable task) {
		Thread thread = new Thread(task, "wsclose-shutdown-" + closerThreads.incrementAndGet());
		thread.setDaemon(true);
		return thread;
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
