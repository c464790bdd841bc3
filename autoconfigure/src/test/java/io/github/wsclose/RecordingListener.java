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
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * A {@link SessionLifecycleListener} that records every open and close it is told about,
 * for the tests of every package.
 */
public final class RecordingListener implements SessionLifecycleListener {

	/**
	 * The sessions opened, in order.
	 */
	public final List<OpenedSession> opened = new CopyOnWriteArrayList<>();

	/**
	 * The closes, in order.
	 */
	public final List<SessionClose> closed = new CopyOnWriteArrayList<>();

	@Override
	public void sessionOpened(OpenedSession session) {
		this.opened.add(session);
	}

	@Override
	public void sessionClosed(SessionClose close) {
		this.closed.add(close);
	}

	/**
	 * Wait for a close, then make sure no second one follows within the quiet period.
	 * @param quietPeriod how long no other close may come
	 * @return the only close
	 */
	public SessionClose awaitOnlyClose(Duration quietPeriod) {
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.closed.isEmpty());
		await().during(quietPeriod).atMost(quietPeriod.plusSeconds(5)).until(() -> this.closed.size() == 1);
		return this.closed.get(0);
	}

	@Override
	public String toString() {
		return "recording listener";
	}

}
